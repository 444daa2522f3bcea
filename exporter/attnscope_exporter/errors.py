"""Every failure the exporter reports, worded in one place. Each becomes exactly one line on
stderr and a non-zero exit (cli.main); nothing else may reach the user as a traceback."""


class ExportError(Exception):
    """A failure with a one-line message meant for the user."""


def no_weights(spec):
    return ExportError(
        f"{spec}: no pretrained weights on disk (the exporter never downloads); "
        "pass --checkpoint FILE (a state dict) or --random [--seed S]")


def checkpoint_unreadable(path, reason):
    return ExportError(f"{path}: cannot read the checkpoint: {reason}")


def checkpoint_does_not_fit(path, spec, reason):
    return ExportError(f"{path}: does not fit {spec}: {reason}")


def unknown_block(spec, path, known):
    shown = ", ".join(known[:6]) + (", …" if len(known) > 6 else "")
    return ExportError(f"--block {path}: {spec} has no module of that name (attention blocks: {shown})")


def no_attention(spec, path, known):
    shown = ", ".join(known[:6]) + (", …" if len(known) > 6 else "")
    return ExportError(f"--block {path}: that module of {spec} is not an attention block the exporter "
                       f"reads (attention blocks: {shown})")


def missing_package(spec, package):
    return ExportError(f"--model {spec} needs the Python package {package}: "
                       "run scripts/exporter-env.sh and use that environment's python")


def needs_repo(name, what):
    return ExportError(f"--model {name} needs --repo DIR with the official {what} code")


def unknown_model(spec, reason):
    return ExportError(f"--model {spec}: {reason}")


def image_unreadable(path, reason):
    return ExportError(f"{path}: cannot read the picture: {reason}")


def cannot_write(path, reason):
    return ExportError(f"{path}: cannot write the bundle: {reason}")


def forward_failed(reason):
    return ExportError(f"the model's forward pass failed: {reason}")
