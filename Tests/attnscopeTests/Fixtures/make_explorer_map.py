"""Writes explorer-24x32.npy: the fixed 8×24×32 map the explorer's tmux tests open.

Run with any Python that has NumPy; the values only need to be deterministic (the tests assert
on positions, modes and the terminal, never on weights).
"""
import numpy as np

rng = np.random.default_rng(24_32)
features = rng.standard_normal((8, 24, 32)).astype("<f4")
np.save("explorer-24x32.npy", features)
