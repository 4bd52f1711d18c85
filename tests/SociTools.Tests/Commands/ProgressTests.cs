using System.Linq;
using System.Management.Automation;
using SociTools.Tests.Fixtures;
using SociTools.Tests.Hosting;
using Xunit;

namespace SociTools.Tests.Commands
{
    public class ProgressTests
    {
        [Fact]
        public void New_SociIndex_reports_layer_bytes_and_completes_every_activity()
        {
            var layer = TestLayer.Varied(seed: 70);
            var layout = TestLayout.Create(TestLayout.NewFolder("progress"), new[] { (TestLayout.GzipLayer, layer.Gzip, layer.Tar) });
            using var session = new PowerShellSession();

            var result = session.Invoke("New-SociIndex -Path $args[0] -MinLayerSize 0", layout.Path);

            result.ThrowIfErrors();
            var records = result.Streams.Progress.ToList();
            Assert.Contains(records, r => r.ParentActivityId == 1 && r.PercentComplete == 100 && r.StatusDescription.Contains("MiB"));
            AssertEveryActivityCompleted(records);
        }

        [Fact]
        public void Export_SociFile_reports_bytes_written_and_completes()
        {
            var layer = TestLayer.Varied(seed: 71);
            var layout = TestLayout.Create(TestLayout.NewFolder("progress-export"), new[] { (TestLayout.GzipLayer, layer.Gzip, layer.Tar) });
            using var session = new PowerShellSession();
            session.Invoke("New-SociIndex -Path $args[0] -MinLayerSize 0", layout.Path).ThrowIfErrors();

            var result = session.Invoke("Export-SociFile -Path $args[0] -LayerDigest $args[1] -Name app/data/model.bin -Destination $args[2]",
                layout.Path, layout.LayerDigests[0], System.IO.Path.Combine(layout.Path, "model.out"));

            result.ThrowIfErrors();
            var records = result.Streams.Progress.ToList();
            Assert.Contains(records, r => r.PercentComplete == 100 && r.StatusDescription == $"{layer.Files["app/data/model.bin"].Length} of {layer.Files["app/data/model.bin"].Length} bytes");
            AssertEveryActivityCompleted(records);
        }

        private static void AssertEveryActivityCompleted(System.Collections.Generic.IReadOnlyList<ProgressRecord> records)
        {
            Assert.NotEmpty(records);
            foreach (var id in records.Select(r => r.ActivityId).Distinct())
            {
                Assert.Equal(ProgressRecordType.Completed, records.Last(r => r.ActivityId == id).RecordType);
            }
        }
    }
}
