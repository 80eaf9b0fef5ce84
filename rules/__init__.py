"""k0slint's built-in rule pack, registered under the entry-point group `k0slint.rules`."""

from .image_outside_repository import ImageOutsideRepository
from .invalid_yaml import InvalidYaml

RULES = (
    InvalidYaml,
    ImageOutsideRepository,
)
