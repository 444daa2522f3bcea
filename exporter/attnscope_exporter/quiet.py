"""Keeps the libraries offline and silent: the exporter never downloads, and a user sees only its
own one-line messages (no deprecation chatter from timm, torchvision or transformers)."""
import logging
import os
import warnings


def go_offline_and_quiet():
    """Call before importing any model library."""
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
        os.environ[name] = "1"
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)
