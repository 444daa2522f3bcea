"""The picture a model is run on: a PNG/JPEG/PPM file or a fixed synthetic one, as a 3×S×S float
tensor in [0, 1]; the network input is that picture normalised with the model's mean and std."""
import torch
import torch.nn.functional as F

from . import errors

FORMATS = {"PNG", "JPEG", "PPM"}


def synthetic(size):
    """A fixed, smooth, colourful pattern (same every run) so exports are reproducible."""
    y, x = torch.meshgrid(torch.linspace(-1, 1, size), torch.linspace(-1, 1, size), indexing="ij")
    rings = torch.cos(9 * torch.sqrt(x * x + y * y))
    picture = torch.stack([torch.sin(3 * x + 1), torch.cos(5 * y), rings * x]) * 0.5 + 0.5
    return picture.clamp(0, 1).float()


def load(path, size):
    """The file's picture resized to size×size (bicubic), RGB in [0, 1]."""
    if path is None:
        return synthetic(size)
    try:
        from PIL import Image
    except ImportError:
        raise errors.ExportError("--image needs the Python package pillow: run scripts/exporter-env.sh")
    try:
        with Image.open(path) as img:
            if img.format not in FORMATS:
                raise errors.image_unreadable(path, f"{img.format} is not PNG, JPEG or PPM")
            rgb = img.convert("RGB").resize((size, size), Image.BICUBIC)
            data = torch.frombuffer(bytearray(rgb.tobytes()), dtype=torch.uint8)
    except errors.ExportError:
        raise
    except (OSError, ValueError, SyntaxError) as error:
        raise errors.image_unreadable(path, str(error) or type(error).__name__)
    return data.view(size, size, 3).permute(2, 0, 1).float() / 255.0


def normalise(picture, mean, std):
    """The network input: (picture − mean) / std per channel."""
    mean = torch.tensor(mean, dtype=torch.float32).view(3, 1, 1)
    std = torch.tensor(std, dtype=torch.float32).view(3, 1, 1)
    return (picture - mean) / std


def on_grid(picture, height, width):
    """The picture resampled to the block's token grid (antialiased bilinear), in [0, 1]."""
    resized = F.interpolate(picture[None], size=(height, width), mode="bilinear",
                            antialias=True, align_corners=False)[0]
    return resized.clamp(0, 1)
