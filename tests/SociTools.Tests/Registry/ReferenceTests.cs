using System;
using SociTools.Core.Oci;
using SociTools.Core.Registry;
using Xunit;

namespace SociTools.Tests.Registry
{
    public class ReferenceTests
    {
        private const string Hex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

        [Fact]
        public void Short_name_defaults_to_docker_hub_library_and_latest()
        {
            var reference = Reference.Parse("alpine");
            Assert.Equal("docker.io", reference.Registry);
            Assert.Equal("library/alpine", reference.Repository);
            Assert.Null(reference.Tag);
            Assert.Equal("latest", reference.ManifestReference);
            Assert.Equal("registry-1.docker.io", reference.ApiHost);
        }

        [Fact]
        public void User_repository_on_docker_hub_keeps_its_namespace()
        {
            var reference = Reference.Parse("bitnami/redis:7.2");
            Assert.Equal("docker.io", reference.Registry);
            Assert.Equal("bitnami/redis", reference.Repository);
            Assert.Equal("7.2", reference.Tag);
        }

        [Fact]
        public void Host_with_port_tag_and_digest_are_all_kept()
        {
            var reference = Reference.Parse($"127.0.0.1:5000/team/app:v1@sha256:{Hex}");
            Assert.Equal("127.0.0.1:5000", reference.Registry);
            Assert.Equal("team/app", reference.Repository);
            Assert.Equal("v1", reference.Tag);
            Assert.Equal(Digest.Parse("sha256:" + Hex), reference.Digest);
            Assert.Equal("sha256:" + Hex, reference.ManifestReference);
            Assert.Equal($"127.0.0.1:5000/team/app:v1@sha256:{Hex}", reference.ToString());
        }

        [Fact]
        public void Localhost_is_a_registry_host_without_a_dot()
        {
            var reference = Reference.Parse("localhost/app");
            Assert.Equal("localhost", reference.Registry);
            Assert.Equal("app", reference.Repository);
        }

        [Fact]
        public void Index_docker_io_is_normalized_to_docker_io()
        {
            Assert.Equal("docker.io", Reference.Parse("index.docker.io/library/busybox").Registry);
        }

        [Fact]
        public void Ecr_host_yields_account_and_region()
        {
            var reference = Reference.Parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/web/api:prod");
            Assert.True(reference.IsEcr);
            Assert.Equal("123456789012", reference.EcrAccount);
            Assert.Equal("eu-west-1", reference.EcrRegion);
            Assert.False(Reference.Parse("ghcr.io/o/r").IsEcr);
        }

        [Fact]
        public void Uppercase_repository_is_refused_with_the_lowercase_suggestion()
        {
            var error = Assert.Throws<FormatException>(() => Reference.Parse("ghcr.io/Owner/App:1"));
            Assert.Contains("must be lowercase", error.Message);
            Assert.Contains("owner/app", error.Message);
        }

        [Fact]
        public void Uppercase_registry_host_is_lowercased()
        {
            Assert.Equal("ghcr.io", Reference.Parse("GHCR.io/owner/app").Registry);
        }

        [Theory]
        [InlineData("")]
        [InlineData("ghcr.io/")]
        [InlineData("app:-bad")]
        [InlineData("app@sha256:short")]
        [InlineData("a//b")]
        [InlineData("app:tag:more")]
        public void Invalid_references_are_refused_with_a_reason(string text)
        {
            Assert.False(Reference.TryParse(text, out _));
            var error = Assert.Throws<FormatException>(() => Reference.Parse(text));
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }

        [Fact]
        public void With_tag_and_with_digest_replace_the_target()
        {
            var reference = Reference.Parse("127.0.0.1:5000/app:v1");
            Assert.Equal("127.0.0.1:5000/app:v2", reference.WithTag("v2").ToString());
            Assert.Equal($"127.0.0.1:5000/app@sha256:{Hex}", reference.WithDigest(Digest.Parse("sha256:" + Hex)).ToString());
        }
    }
}
