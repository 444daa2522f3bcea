"""Stand-in for csrhddlam/axial-deeplab lib/models/utils.py: the 1-D convolution class the
official code uses for its q/k/v projection (a subclass, so the network's init can tell it apart)."""
import torch.nn as nn


class qkv_transform(nn.Conv1d):
    """The qkv projection of AxialAttention (a plain Conv1d)."""
