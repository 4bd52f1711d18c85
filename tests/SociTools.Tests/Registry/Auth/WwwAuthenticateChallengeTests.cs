using System;
using SociTools.Core.Registry.Auth;
using Xunit;

namespace SociTools.Tests.Registry.Auth
{
    public class WwwAuthenticateChallengeTests
    {
        [Fact]
        public void Reads_docker_hub_bearer_challenge()
        {
            var challenge = WwwAuthenticateChallenge.Parse(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/alpine:pull\"");

            Assert.True(challenge.IsBearer);
            Assert.False(challenge.IsBasic);
            Assert.Equal("https://auth.docker.io/token", challenge.Realm);
            Assert.Equal("registry.docker.io", challenge.Service);
            Assert.Equal("repository:library/alpine:pull", challenge.Scope);
            Assert.Null(challenge.Error);
        }

        [Fact]
        public void Reads_basic_challenge_from_ecr_style_header()
        {
            var challenge = WwwAuthenticateChallenge.Parse("Basic realm=\"https://123456789012.dkr.ecr.us-east-1.amazonaws.com/\",service=\"ecr.amazonaws.com\"");

            Assert.True(challenge.IsBasic);
            Assert.Equal("https://123456789012.dkr.ecr.us-east-1.amazonaws.com/", challenge.Realm);
            Assert.Equal("ecr.amazonaws.com", challenge.Service);
        }

        [Fact]
        public void Keeps_commas_and_spaces_inside_quoted_scope()
        {
            var challenge = WwwAuthenticateChallenge.Parse(
                "Bearer realm=\"https://r.example/token\", scope=\"repository:a/b:pull,push repository:c:pull\", error=\"insufficient_scope\"");

            Assert.Equal("repository:a/b:pull,push repository:c:pull", challenge.Scope);
            Assert.Equal("insufficient_scope", challenge.Error);
        }

        [Fact]
        public void Unescapes_quoted_pairs()
        {
            var challenge = WwwAuthenticateChallenge.Parse("Bearer realm=\"say \\\"hi\\\" \\\\ back\", error_description=\"a\\,b\"");

            Assert.Equal("say \"hi\" \\ back", challenge.Realm);
            Assert.Equal("a,b", challenge.Get("error_description"));
        }

        [Fact]
        public void Accepts_unquoted_values_spaces_around_equals_and_any_case()
        {
            var challenge = WwwAuthenticateChallenge.Parse("bearer  Realm = https://r.example/token , SERVICE=r.example ,error=invalid_token");

            Assert.True(challenge.IsBearer);
            Assert.Equal("bearer", challenge.Scheme);
            Assert.Equal("https://r.example/token", challenge.Realm);
            Assert.Equal("r.example", challenge.Service);
            Assert.Equal("invalid_token", challenge.Error);
        }

        [Fact]
        public void Splits_several_challenges_in_one_header()
        {
            var challenges = WwwAuthenticateChallenge.ParseAll("Bearer realm=\"https://a/token\", service=\"a\", Basic realm=\"b, c\"");

            Assert.Equal(2, challenges.Count);
            Assert.True(challenges[0].IsBearer);
            Assert.Equal("a", challenges[0].Service);
            Assert.True(challenges[1].IsBasic);
            Assert.Equal("b, c", challenges[1].Realm);
            Assert.Null(challenges[1].Service);
        }

        [Fact]
        public void Reads_scheme_without_parameters_and_token68()
        {
            var challenges = WwwAuthenticateChallenge.ParseAll("Negotiate, Basic abc+/9==");

            Assert.Equal("Negotiate", challenges[0].Scheme);
            Assert.Empty(challenges[0].Parameters);
            Assert.Equal("abc+/9==", challenges[1].Token68);
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("Bearer realm=\"never closed")]
        [InlineData("Bearer realm=\"a\" service=\"b\"")]
        [InlineData("\"quoted\" realm=x")]
        [InlineData("Bearer realm=\"a\", =x")]
        public void Rejects_malformed_header_with_format_exception(string header)
        {
            var error = Assert.Throws<FormatException>(() => WwwAuthenticateChallenge.Parse(header));

            Assert.Contains("WWW-Authenticate", error.Message);
            Assert.False(WwwAuthenticateChallenge.TryParse(header, out var challenge));
            Assert.Null(challenge);
        }

        [Fact]
        public void Round_trips_through_ToString()
        {
            var original = WwwAuthenticateChallenge.Parse("Bearer realm=\"https://r/token\",scope=\"repository:x:pull\"");

            var reparsed = WwwAuthenticateChallenge.Parse(original.ToString());

            Assert.Equal(original.Realm, reparsed.Realm);
            Assert.Equal(original.Scope, reparsed.Scope);
        }
    }
}
