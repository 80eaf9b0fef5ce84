"""Which images a config makes k0s pull, and the setting that makes k0s pull each.

The model is what `k0s airgap list-images` prints without `--all` for the config at
v1.36.1+k0s.0 - v1.36.3+k0s.2 (`GetImageURIs(env, all=false)` in pkg/airgap/images.go, per
platform): on Linux nodes pause, konnectivity, kube-proxy, coredns and metrics-server always;
the kube-router images when `spec.network.provider` is kuberouter (its default), the calico
ones when it is calico; the envoy or traefik image when node-local load balancing is enabled
with that type (EnvoyProxy by default); on Windows nodes windows.pause and windows.kubeproxy,
and calico.windows.* with calico. The pushgateway only under `--all`: k0s deploys it only on
controllers started with `--enable-metrics-scraper` (pkg/component/controller/metrics.go).

The same holds for older releases although their list-images printed both providers' images
(pkg/airgap/images.go at v1.26.0+k0s.0 - v1.35.7+k0s.0, with no provider filter): their
controllers deploy only the configured provider (pkg/component/controller/calico.go and
kuberouter.go return early for another provider, e.g. at v1.32.13+k0s.0), and their workers
run node-local load balancing only when it is enabled (cmd/worker/worker.go at
v1.35.7+k0s.0).
"""

from k0slint.k0s.effective import EffectiveImage, network_provider, written_provider
from k0slint.k0s.placeholders import is_placeholder
from k0slint.k0s.releases import HardcodedImage
from k0slint.yaml.nodes import MappingNode, ScalarNode, string_value, walk_json

METRICS_SCRAPER = "--enable-metrics-scraper"
ALWAYS = "in every cluster"

_BACKENDS = {
    "network.nodeLocalLoadBalancing.envoyProxy.image": "EnvoyProxy",
    "network.nodeLocalLoadBalancing.traefik.image": "Traefik",
}


class PullSettings:
    """What in a config and its file decides which images k0s pulls."""

    def __init__(
        self,
        spec: MappingNode | None,
        *,
        windows_workers: bool | None,
        metrics_scraper: bool | None,
    ) -> None:
        self.provider = network_provider(spec)
        self.provider_written = bool(written_provider(spec))
        nllb = walk_json(spec, ("network", "nodeLocalLoadBalancing"))
        enabled = nllb.get_json("enabled") if isinstance(nllb, MappingNode) else None
        self.nllb_type: str | None = None
        if isinstance(enabled, ScalarNode) and (enabled.value is True or is_placeholder(enabled.value)):
            assert isinstance(nllb, MappingNode)
            self.nllb_type = string_value(nllb.get_json("type")) or "EnvoyProxy"
        self.nllb_enabled_placeholder = isinstance(enabled, ScalarNode) and is_placeholder(enabled.value)
        self.windows_workers = windows_workers
        self.metrics_scraper = metrics_scraper

    def _uses_provider(self, name: str) -> bool:
        """A placeholder provider may be either: both are judged (README "Placeholders")."""
        return self.provider == name or is_placeholder(self.provider)

    def _provider_reason(self) -> str:
        if is_placeholder(self.provider):
            return f"spec.network.provider is a placeholder ({self.provider}) that may name it"
        default = "" if self.provider_written else " (the default)"
        return f"spec.network.provider is {self.provider}{default}"

    def _nllb_reason(self, backend: str) -> str | None:
        if self.nllb_type is None:
            return None
        type_placeholder = is_placeholder(self.nllb_type)
        if self.nllb_type != backend and not type_placeholder:
            return None
        if self.nllb_enabled_placeholder or type_placeholder:
            return f"spec.network.nodeLocalLoadBalancing holds a placeholder that may enable type {backend}"
        return f"spec.network.nodeLocalLoadBalancing is enabled with type {backend}"

    def reason(self, image: EffectiveImage) -> str | None:
        """When k0s pulls `image` for this config ("in every cluster", "because
        spec.network.provider is calico"), or None when it does not."""
        reason = self._setting(image.field)
        return reason if reason in (None, ALWAYS) else f"because {reason}"

    @staticmethod
    def hardcoded_reason(item: HardcodedImage) -> str:
        """When k0s pulls an image no field configures (ConfigImages.hardcoded says whether)."""
        if item.component == "windows":
            return "because the cluster has Windows workers and spec.network.provider is calico"
        if item.component == "extensions.storage":
            return "because spec.extensions.storage.type is openebs_local_storage"
        return ALWAYS

    def _setting(self, field: str) -> str | None:
        if field.startswith("images.calico.windows."):
            if self.windows_workers and self._uses_provider("calico"):
                return f"the cluster has Windows workers and {self._provider_reason()}"
            return None
        if field.startswith("images.windows."):
            return "the cluster has Windows workers" if self.windows_workers else None
        if field.startswith("images.calico."):
            return self._provider_reason() if self._uses_provider("calico") else None
        if field.startswith("images.kuberouter."):
            return self._provider_reason() if self._uses_provider("kuberouter") else None
        if field in _BACKENDS:
            return self._nllb_reason(_BACKENDS[field])
        if field == "images.pushgateway":
            return f"controllers run with {METRICS_SCRAPER}" if self.metrics_scraper else None
        return ALWAYS
