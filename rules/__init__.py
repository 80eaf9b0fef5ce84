"""k0slint's built-in rule pack, registered under the entry-point group `k0slint.rules`."""

from .chart_image_outside_repository import ChartImageOutsideRepository
from .image_not_redirected import ImageNotRedirected
from .image_outside_repository import ImageOutsideRepository
from .image_version_invalid import ImageVersionInvalid
from .invalid_yaml import InvalidYaml
from .registry_not_allowed import RegistryNotAllowed
from .repository_malformed import RepositoryMalformed
from .repository_path_doubled import RepositoryPathDoubled
from .repository_prefix_shadow import RepositoryPrefixShadow

RULES = (
    InvalidYaml,
    ImageOutsideRepository,
    ImageNotRedirected,
    RepositoryPathDoubled,
    RepositoryPrefixShadow,
    RepositoryMalformed,
    RegistryNotAllowed,
    ChartImageOutsideRepository,
    ImageVersionInvalid,
)
