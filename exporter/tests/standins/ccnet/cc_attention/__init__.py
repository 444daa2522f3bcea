from .functions import CrissCrossAttention
