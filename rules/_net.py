"""Go's address, CIDR and name checks as k0s calls them (part of the built-in pack).

- is_ip: net.ParseIP (govalidator.IsIP): no zones, no leading zeros in IPv4.
- parse_cidr: net.ParseCIDR: an address and a prefix length; host bits may be set.
- is_dns_name: govalidator.IsDNSName (not DNS-1123: capitals and `_` pass, IPs do not).
- dns1123_label / helm_release_name: apimachinery IsDNS1123Label, helm ValidateReleaseName.
"""

from __future__ import annotations

import ipaddress
import re

_DNS_NAME = re.compile(r"([a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})(\.[a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})*[._]?\Z")
_DNS1123_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?\Z")
_RELEASE_NAME = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\Z")
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_ip(text: str) -> IPAddress | None:
    if "%" in text:
        return None
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def is_ip(text: str) -> bool:
    return parse_ip(text) is not None


def parse_cidr(text: str) -> IPNetwork | None:
    address, slash, prefix = text.partition("/")
    if not slash or not prefix.isdigit() or parse_ip(address) is None:
        return None
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        return None


def is_ipv4(network: IPNetwork) -> bool:
    """Go's To4(): IPv4, and IPv4-mapped IPv6 addresses."""
    if isinstance(network, ipaddress.IPv4Network):
        return True
    return network.network_address.ipv4_mapped is not None


def is_dns_name(text: str) -> bool:
    if not text or len(text.replace(".", "")) > 255 or is_ip(text):
        return False
    return bool(_DNS_NAME.match(text))


def is_ip_or_dns_name(text: str) -> bool:
    return is_ip(text) or is_dns_name(text)


def dns1123_label_problems(text: str) -> list[str]:
    problems = []
    if len(text) > 63:
        problems.append("must be no more than 63 characters")
    if not _DNS1123_LABEL.match(text):
        problems.append(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
            "and must start and end with an alphanumeric character"
        )
    return problems


def valid_release_name(text: str) -> bool:
    return len(text) <= 53 and bool(_RELEASE_NAME.match(text))


def split_host_port(text: str) -> tuple[str, str] | None:
    """net.SplitHostPort: `host:port`, `[v6]:port`; None if it is not of that form."""
    if text.startswith("["):
        end = text.find("]")
        if end == -1 or not text[end + 1 :].startswith(":"):
            return None
        return text[1:end], text[end + 2 :]
    if text.count(":") != 1:
        return None
    host, port = text.split(":")
    return host, port


def parse_host_port(text: str) -> str | None:
    """internal/pkg/net.ParseHostPort (k0s 1.36): the problem with `host:port`, or None."""
    parts = split_host_port(text)
    if parts is None:
        return "missing port in address" if ":" not in text else "too many colons in address"
    host, port = parts
    if not is_ip_or_dns_name(host):
        return "host is neither an IP address nor a DNS name"
    if not port.isdigit():
        return f'port is not a positive number: "{port}"'
    number = int(port)
    if number == 0:
        return "port is zero"
    if number > 65535:
        return f"port is out of range: {number}"
    return None
