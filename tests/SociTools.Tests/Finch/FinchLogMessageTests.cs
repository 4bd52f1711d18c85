using SociTools.Core.Finch;
using Xunit;

namespace SociTools.Tests.Finch
{
    public class FinchLogMessageTests
    {
        private static string KeyValue(string quotedMessage) => "time=\"2026-12-02T21:00:00Z\" level=info msg=\"" + quotedMessage + "\"";

        [Theory]
        [InlineData(@"line one\nline two", "line one\nline two")]
        [InlineData(@"say \""hi\"" \\ there", "say \"hi\" \\ there")]
        [InlineData(@"bell\a tab\t ff\f vt\v bs\b", "bell\a tab\t ff\f vt\v bs\b")]
        [InlineData(@"nul\x00 zero-width\u200b tag\U000e0001", "nul\0 zero-width\u200b tag\U000e0001")]
        public void Reads_every_escape_gos_quoting_writes(string quoted, string message)
        {
            Assert.Equal(("info", message), FinchLogMessage.Parse(KeyValue(quoted)));
        }

        [Theory]
        [InlineData(@"copied C:\path\Users\data", @"copied C:\path\Users\data")]
        [InlineData(@"regex \d+ and \p{L}", @"regex \d+ and \p{L}")]
        [InlineData(@"short \x4 and \uZZZZ and \UFFFFFFFF", @"short \x4 and \uZZZZ and \UFFFFFFFF")]
        public void A_line_that_only_looks_like_logrus_keeps_backslashes_go_would_never_write(string quoted, string message)
        {
            // A container's stderr can carry any text in this shape; reading it must never fail.
            Assert.Equal(("info", message), FinchLogMessage.Parse(KeyValue(quoted)));
        }
    }
}
