"""k0slint's built-in rule pack, registered under the entry-point group `k0slint.rules`."""

from .api_invalid import ApiInvalid
from .chart_image_outside_repository import ChartImageOutsideRepository
from .cplb_invalid import CplbInvalid
from .duplicate_key import DuplicateKey
from .field_name_case import FieldNameCase
from .helm_extension_invalid import HelmExtensionInvalid
from .ignored_field import IgnoredField
from .image_not_redirected import ImageNotRedirected
from .image_outside_repository import ImageOutsideRepository
from .image_rewritten_into_repository import ImageRewrittenIntoRepository
from .image_version_invalid import ImageVersionInvalid
from .invalid_yaml import InvalidYaml
from .network_invalid import NetworkInvalid
from .nllb_external_address import NllbWithExternalAddress
from .not_a_clusterconfig import NotClusterConfig
from .null_section_crash import NullSectionCrash
from .registry_not_allowed import RegistryNotAllowed
from .repository_malformed import RepositoryMalformed
from .repository_path_doubled import RepositoryPathDoubled
from .repository_prefix_shadow import RepositoryPrefixShadow
from .required_repository import RequiredRepository
from .schema_violation import SchemaViolation
from .storage_extension import StorageExtension
from .storage_invalid import StorageInvalid
from .unknown_field import UnknownField
from .unknown_suppression import UnknownSuppression
from .unused_suppression import UnusedSuppression
from .worker_profile_invalid import WorkerProfileInvalid

RULES = (
    InvalidYaml,
    SchemaViolation,
    UnknownField,
    IgnoredField,
    NotClusterConfig,
    DuplicateKey,
    FieldNameCase,
    UnusedSuppression,
    UnknownSuppression,
    ImageOutsideRepository,
    ImageRewrittenIntoRepository,
    ImageNotRedirected,
    RepositoryPathDoubled,
    RepositoryPrefixShadow,
    RepositoryMalformed,
    RegistryNotAllowed,
    ChartImageOutsideRepository,
    ImageVersionInvalid,
    RequiredRepository,
    ApiInvalid,
    NllbWithExternalAddress,
    NetworkInvalid,
    StorageInvalid,
    HelmExtensionInvalid,
    WorkerProfileInvalid,
    StorageExtension,
    NullSectionCrash,
    CplbInvalid,
)
