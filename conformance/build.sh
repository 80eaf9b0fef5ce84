#!/usr/bin/env bash
# Build the k0s oracle for k0s release tags, cached outside the repository.
#   conformance/build.sh TAG...        e.g. v1.33.4+k0s.0 v1.30.9+k0s.0
#   conformance/build.sh served        every tag in conformance/served-tags.tsv
# Prints one line per tag: "built TAG PATH SECONDS", "cached TAG PATH" or "skipped TAG: REASON".
# Exit status 1 only when a tag the proxy serves fails to compile.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SERVED=$HERE/served-tags.tsv
ALL_TAGS=${K0S_TAGS_TSV:-$HERE/../../shared/k0s/oracle/tags.tsv}
CACHE=${K0SLINT_ORACLE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/k0slint-oracle}
export GOTOOLCHAIN=local CGO_ENABLED=0 GOOS=linux GOARCH=amd64
export GONOSUMDB=github.com/k0sproject GOFLAGS="-mod=mod ${ORACLE_GOFLAGS:--p=1}"

adapter_for() {
	local minor
	minor=$(sed -E 's/^v1\.([0-9]+)\..*/\1/' <<<"$1")
	if [ "$minor" -le 27 ]; then echo adapter_lt128.go
	elif [ "$minor" -le 32 ]; then echo adapter_128_132.go
	elif [ "$minor" -le 35 ]; then echo adapter_133_135.go
	else echo ""
	fi
}

lookup() {
	local row
	row=$(awk -F'\t' -v t="$1" '$1==t {print $2"\t"$3; exit}' "$SERVED")
	[ -n "$row" ] || [ ! -f "$ALL_TAGS" ] || row=$(awk -F'\t' -v t="$1" '$1==t {print $2"\t"$4; exit}' "$ALL_TAGS")
	echo "$row"
}

# Require k0s without loading its root package (go get would resolve k0s's whole
# command tree and trip over dependencies that only k0s's own replaces fix).
fetch_k0s() {
	local version
	for version in "$@"; do
		if nice -n 10 go mod download -json "github.com/k0sproject/k0s@$version" >download.json; then
			version=$(sed -n 's/^\t"Version": "\(.*\)",$/\1/p' download.json)
			go mod edit -require="github.com/k0sproject/k0s@$version"
			return 0
		fi
		sed -n 's/^\t"Error": "\(.*\)"$/\1/p' download.json
	done
	return 1
}

mirror_replaces() {
	local gomod
	gomod=$(go list -m -f '{{.GoMod}}' github.com/k0sproject/k0s) || return 1
	awk '/^replace \(/{f=1;next} f&&/^\)/{f=0;next} f{print;next} /^replace /{sub(/^replace /,"");print}' "$gomod" |
		sed 's#//.*##' |
		awk '$2=="=>" && NF==4 {print $1"="$3"@"$4} $3=="=>" && NF==5 {print $1"@"$2"="$4"@"$5}' |
		while read -r rep; do go mod edit -replace="$rep" || return 1; done
}

build_one() {
	local tag=$1 row commit pseudo adapter out stamp want work log start err
	row=$(lookup "$tag")
	if [ -z "$row" ]; then echo "skipped $tag: not a known k0s release tag"; return 0; fi
	commit=$(cut -f1 <<<"$row"); pseudo=$(cut -f2 <<<"$row")
	adapter=$(adapter_for "$tag")
	if [ -z "$adapter" ]; then echo "skipped $tag: no adapter for k0s >= 1.36 (GetImageURIs takes a TargetEnv)"; return 0; fi
	out=$CACHE/$tag/k0s-oracle; stamp=$CACHE/$tag/source.sha256
	want=$(cat "$HERE/oracle/main.go" "$HERE/oracle/adapters/$adapter" | sha256sum | cut -d' ' -f1)
	if [ -x "$out" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then echo "cached $tag $out"; return 0; fi
	work=$(mktemp -d); log=$work/log; start=$(date +%s)
	cp "$HERE/oracle/main.go" "$work/"; cp "$HERE/oracle/adapters/$adapter" "$work/adapter.go"
	(
		cd "$work" || exit 1
		go mod init k0s-oracle >"$log" 2>&1 || exit 1
		fetch_k0s "$pseudo" "$commit" >>"$log" 2>&1 || exit 3
		mirror_replaces >>"$log" 2>&1 && nice -n 10 go mod tidy >>"$log" 2>&1 || exit 1
		mkdir -p "$CACHE/$tag"
		nice -n 10 go build -trimpath -ldflags "-s -w -X main.tag=$tag" -o "$out.tmp" . >>"$log" 2>&1 || exit 1
		mv "$out.tmp" "$out"
	)
	case $? in
	0) echo "$want" >"$stamp"; echo "built $tag $out $(($(date +%s) - start))s" ;;
	3) err=$(grep -m1 -E '40[34]|not available|not found|invalid version' "$log" | sed 's/\\n\\t/ /g' || tail -n1 "$log")
		echo "skipped $tag: proxy refused $pseudo: $err" ;;
	*) echo "failed $tag: $(tail -n 5 "$log" | tr '\n' ' ')"; rm -rf "$work"; return 1 ;;
	esac
	rm -rf "$work"
}

main() {
	[ $# -gt 0 ] || { echo "usage: $0 TAG...|served" >&2; exit 2; }
	command -v go >/dev/null || { echo "skipped: go is not installed" ; exit 0; }
	local tags=() status=0
	for a in "$@"; do
		if [ "$a" = served ]; then mapfile -t -O "${#tags[@]}" tags < <(tail -n +2 "$SERVED" | cut -f1)
		else tags+=("$a"); fi
	done
	for t in "${tags[@]}"; do build_one "$t" || status=1; done
	exit $status
}
main "$@"
