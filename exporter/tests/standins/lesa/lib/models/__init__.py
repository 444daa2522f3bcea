from .LESA import lesa3x3
