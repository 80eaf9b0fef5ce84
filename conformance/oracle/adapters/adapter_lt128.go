// Adapter for k0s <1.28: k0s.k0sproject.io/v1beta1.ConfigFromString, airgap.GetImageURIs(spec, all).
package main

import (
	"github.com/k0sproject/k0s/pkg/airgap"
	"github.com/k0sproject/k0s/pkg/apis/k0s.k0sproject.io/v1beta1"
	"github.com/k0sproject/k0s/pkg/constant"
)

const adapterName = "k0s <1.28: k0s.k0sproject.io/v1beta1.ConfigFromString, airgap.GetImageURIs(spec, all)"

type k0sConfig = *v1beta1.ClusterConfig

func load(data []byte) (k0sConfig, error)       { return v1beta1.ConfigFromString(string(data)) }
func validate(c k0sConfig) []error              { return c.DeepCopy().Validate() }
func listImages(c k0sConfig, all bool) []string { return airgap.GetImageURIs(c.Spec, all) }

func spec(c k0sConfig) any { return c.Spec }

func pauseConstant() string {
	return constant.KubePauseContainerImage + ":" + constant.KubePauseContainerImageVersion
}

func repository(c k0sConfig) (string, string) {
	if c.Spec == nil || c.Spec.Images == nil {
		return "", ""
	}
	return c.Spec.Images.Repository, string(c.Spec.Images.DefaultPullPolicy)
}
