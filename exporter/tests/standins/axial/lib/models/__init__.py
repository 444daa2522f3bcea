from .axialnet import *
