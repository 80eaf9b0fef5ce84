// Command k0s-oracle loads k0s ClusterConfig files with the k0s v1beta1 package
// of one release and prints, per file, one JSON line with what k0s makes of it.
// It has no k0s imports: build.sh copies exactly one adapters/*.go next to it.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
)

// tag is set with -ldflags "-X main.tag=<k0s release tag>".
var tag = "unknown"

type verdict struct {
	File      string `json:"file"`
	Tag       string `json:"tag"`
	K0sModule string `json:"k0s_module"`
	GoVersion string `json:"go_version"`
	Adapter   string `json:"adapter"`

	Load      string `json:"load"`
	LoadError string `json:"load_error,omitempty"`
	LoadPanic string `json:"load_panic,omitempty"`

	ValidateErrors     []string `json:"validate_errors"`
	ValidateHostErrors []string `json:"validate_host_errors"`
	ValidatePanic      string   `json:"validate_panic,omitempty"`

	Repository        string             `json:"images_repository"`
	DefaultPullPolicy string             `json:"default_pull_policy"`
	Images            map[string]*string `json:"images"`
	ImagesPanic       string             `json:"images_panic,omitempty"`

	ListDefault      []string `json:"list_images_default"`
	ListDefaultPanic string   `json:"list_images_default_panic,omitempty"`
	ListAll          []string `json:"list_images_all"`
	ListAllPanic     string   `json:"list_images_all_panic,omitempty"`

	PauseConstant string `json:"pause_constant"`
}

// hostDependent marks Validate errors whose presence depends on the machine
// running the oracle (CPLB default-route and link lookups via netlink).
var hostDependent = []string{"default route", "default NIC", "failed to list links", "link not found", "not supported on this platform"}

func isHostDependent(msg string) bool {
	for _, s := range hostDependent {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// catch runs fn and returns a recovered panic as text, with the innermost k0s
// frame (function and file:line inside the k0s module) when there is one.
func catch(fn func()) (p string) {
	defer func() {
		if r := recover(); r != nil {
			p = fmt.Sprint(r)
			if at := k0sFrame(string(debug.Stack())); at != "" {
				p += " at " + at
			}
		}
	}()
	fn()
	return ""
}

func k0sFrame(stack string) string {
	lines := strings.Split(stack, "\n")
	seenPanic := false
	for i := 0; i+1 < len(lines); i++ {
		if strings.HasPrefix(lines[i], "panic(") {
			seenPanic = true
			continue
		}
		if !seenPanic || !strings.HasPrefix(lines[i], "github.com/k0sproject/k0s/") {
			continue
		}
		fn := lines[i][:strings.LastIndex(lines[i], "(")]
		loc := strings.TrimSpace(lines[i+1])
		if j := strings.Index(loc, " +0x"); j >= 0 {
			loc = loc[:j]
		}
		if j := strings.Index(loc, "/pkg/"); j >= 0 {
			loc = loc[j+1:]
		}
		return strings.TrimPrefix(fn, "github.com/k0sproject/k0s/") + " (" + loc + ")"
	}
	return ""
}

func jsonName(f reflect.StructField) string {
	name := strings.Split(f.Tag.Get("json"), ",")[0]
	if name == "" {
		return f.Name
	}
	return name
}

// walkImages records the URI() of every ImageSpec reachable through struct
// fields (values or pointers) of v, keyed by JSON path; a nil *ImageSpec is null.
func walkImages(v reflect.Value, path string, out map[string]*string) {
	if v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			if v.Type().Elem().Name() == "ImageSpec" {
				out[path] = nil
			}
			return
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return
	}
	if v.Type().Name() == "ImageSpec" {
		uri := v.Addr().MethodByName("URI").Call(nil)[0].String()
		out[path] = &uri
		return
	}
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name := jsonName(f)
		if name == "-" {
			continue
		}
		sub := name
		if path != "" {
			sub = path + "." + name
		}
		if f.Anonymous && strings.Contains(f.Tag.Get("json"), "inline") {
			sub = path
		}
		walkImages(v.Field(i), sub, out)
	}
}

func moduleVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, d := range bi.Deps {
		if d.Path == "github.com/k0sproject/k0s" {
			if d.Replace != nil {
				return d.Replace.Version
			}
			return d.Version
		}
	}
	return ""
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func judge(file string, data []byte, module string) verdict {
	v := verdict{
		File: file, Tag: tag, K0sModule: module, GoVersion: runtime.Version(), Adapter: adapterName,
		ValidateErrors: []string{}, ValidateHostErrors: []string{},
		Images: map[string]*string{}, ListDefault: []string{}, ListAll: []string{},
		PauseConstant: pauseConstant(),
	}
	var cfg k0sConfig
	var err error
	v.LoadPanic = catch(func() { cfg, err = load(data) })
	switch {
	case v.LoadPanic != "":
		v.Load = "panic"
		return v
	case err != nil:
		v.Load = "error"
		v.LoadError = err.Error()
		return v
	}
	v.Load = "ok"
	var errs []error
	v.ValidatePanic = catch(func() { errs = validate(cfg) })
	for _, e := range errs {
		if isHostDependent(e.Error()) {
			v.ValidateHostErrors = append(v.ValidateHostErrors, e.Error())
		} else {
			v.ValidateErrors = append(v.ValidateErrors, e.Error())
		}
	}
	sort.Strings(v.ValidateErrors)
	sort.Strings(v.ValidateHostErrors)
	v.Repository, v.DefaultPullPolicy = repository(cfg)
	v.ImagesPanic = catch(func() { walkImages(reflect.ValueOf(spec(cfg)), "", v.Images) })
	v.ListDefaultPanic = catch(func() { v.ListDefault = nonNil(listImages(cfg, false)) })
	v.ListAllPanic = catch(func() { v.ListAll = nonNil(listImages(cfg, true)) })
	return v
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: k0s-oracle FILE...   (one JSON object per line on stdout)")
		os.Exit(2)
	}
	module := moduleVersion()
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	status := 0
	for _, file := range os.Args[1:] {
		data, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			status = 2
			continue
		}
		if err := enc.Encode(judge(file, data, module)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	os.Exit(status)
}
