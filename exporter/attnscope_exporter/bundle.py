"""Writes a bundle: an .npz whose `.npy` members are the tensors and whose raw zip member
`attnscope.json` says what they are (DESIGN.md, "The bundle")."""
import io
import json
import os
import zipfile

import numpy as np

from . import errors

FORMAT = 1


def _npy_bytes(array):
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, np.asarray(array), allow_pickle=False)  # keeps 0-d scalars 0-d
    return buffer.getvalue()


def block_entry(block):
    """The JSON object of one block (the same keys a single-block file has at its top level)."""
    entry = {"mode": block.mode, "block": block.path, "heads": block.heads, "settings": block.settings}
    entry.update(block.extra)
    return entry


def write(path, model_text, blocks, shared, provenance):
    """Writes `blocks` (BlockExport) and the `shared` tensors (input, image) to `path`: one block
    unprefixed at the top level, several as a `blocks` list with `b<i>.` members."""
    description = {"format": FORMAT, "model": model_text}
    description.update(provenance)
    members = {name: array for name, array in shared.items()}
    if len(blocks) == 1:
        description.update(block_entry(blocks[0]))
        members.update(blocks[0].tensors)
    else:
        description["blocks"] = [block_entry(block) for block in blocks]
        for index, block in enumerate(blocks):
            for name, array in block.tensors.items():
                members[f"b{index}.{name}"] = array
    temporary = path + ".partial"
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
            archive.writestr("attnscope.json", json.dumps(description, indent=1).encode("utf-8"))
            for name, array in members.items():
                archive.writestr(f"{name}.npy", _npy_bytes(array))
        os.replace(temporary, path)
    except OSError as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise errors.cannot_write(path, error.strerror or str(error))
