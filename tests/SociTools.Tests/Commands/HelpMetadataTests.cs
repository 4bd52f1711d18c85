using System.Linq;
using SociTools.Tests.Hosting;
using Xunit;

namespace SociTools.Tests.Commands
{
    /// <summary>
    /// Each cmdlet's MAML help against the cmdlet's real metadata, so the help cannot drift from the code: output types,
    /// parameters, pipeline input (by value, by property name), parameter sets, and the INPUTS section.
    /// </summary>
    public class HelpMetadataTests
    {
        // Returns one line per mismatch, "<cmdlet>: <what differs>"; expectations come from Get-Command, never from the help.
        private const string CompareScript = @"
# -WhatIf and -Confirm (the optional common parameters) count: a cmdlet that supports ShouldProcess documents them.
$common = [System.Management.Automation.Cmdlet]::CommonParameters
function PipelineText($ByValue, $ByPropertyName) {
    $ways = @(); if ($ByValue) { $ways += 'ByValue' }; if ($ByPropertyName) { $ways += 'ByPropertyName' }
    if ($ways) { 'True (' + ($ways -join ', ') + ')' } else { 'False' }
}
foreach ($command in Get-Command -Module SociTools -CommandType Cmdlet) {
    $name = $command.Name
    $help = Get-Help -Name $name -Full
    $sets = @($command.ParameterSets)
    $own = { param($set) @($set.Parameters | Where-Object { $common -notcontains $_.Name }) }

    $declared = @($command.OutputType.Type.FullName | Sort-Object -Unique)
    $documented = @($help.returnValues.returnValue | ForEach-Object { $_.type.name } | Sort-Object -Unique)
    if (($declared -join ',') -ne ($documented -join ',')) { ""${name}: OUTPUTS name [$($documented -join ', ')] but the cmdlet emits [$($declared -join ', ')]"" }

    $parameters = @($sets | ForEach-Object { & $own $_ } | Group-Object Name)
    $helpParameters = @($help.parameters.parameter)
    foreach ($parameter in $parameters) {
        $expected = PipelineText ($parameter.Group.ValueFromPipeline -contains $true) ($parameter.Group.ValueFromPipelineByPropertyName -contains $true)
        $entry = $helpParameters | Where-Object name -eq $parameter.Name
        if (-not $entry) { ""${name}: -$($parameter.Name) is not documented""; continue }
        if ($entry.pipelineInput -ne $expected) { ""${name}: -$($parameter.Name) documents pipeline input '$($entry.pipelineInput)', the code takes '$expected'"" }
    }
    foreach ($entry in $helpParameters | Where-Object { $parameters.Name -notcontains $_.name }) { ""${name}: documents -$($entry.name), which the cmdlet does not have"" }

    $syntax = @($help.syntax.syntaxItem)
    if ($syntax.Count -ne $sets.Count) { ""${name}: the help shows $($syntax.Count) syntax blocks for $($sets.Count) parameter sets"" }
    foreach ($set in $sets) {
        $names = @(& $own $set | ForEach-Object Name | Sort-Object)
        $item = $syntax | Where-Object { (@($_.parameter | ForEach-Object name | Sort-Object) -join ',') -eq ($names -join ',') } | Select-Object -First 1
        if (-not $item) { ""${name}: no syntax block lists exactly the parameters of set '$($set.Name)' ($($names -join ', '))""; continue }
        foreach ($parameter in & $own $set) {
            $shown = $item.parameter | Where-Object name -eq $parameter.Name
            $position = if ($parameter.Position -ge 0) { [string] $parameter.Position } else { 'named' }
            if ($shown.required -ne ([string] $parameter.IsMandatory).ToLower()) { ""${name}: -$($parameter.Name) in set '$($set.Name)' is shown required=$($shown.required), the code says $($parameter.IsMandatory)"" }
            if ($shown.position -ne $position) { ""${name}: -$($parameter.Name) in set '$($set.Name)' is shown at position $($shown.position), the code says $position"" }
            $expected = PipelineText $parameter.ValueFromPipeline $parameter.ValueFromPipelineByPropertyName
            if ($shown.pipelineInput -ne $expected) { ""${name}: -$($parameter.Name) in set '$($set.Name)' is shown with pipeline input '$($shown.pipelineInput)', the code takes '$expected'"" }
        }
    }

    $inputs = (@($help.inputTypes.inputType) | ForEach-Object { $_.type.name; $_.description.Text }) -join ' '
    $piped = @($parameters | Where-Object { $_.Group.ValueFromPipeline -contains $true -or $_.Group.ValueFromPipelineByPropertyName -contains $true } | ForEach-Object Name)
    if (-not $inputs.Trim()) { ""${name}: has no INPUTS section"" }
    elseif ($piped.Count -eq 0 -and $inputs -notmatch '\bNone\b') { ""${name}: takes no pipeline input, but INPUTS does not say None"" }
    foreach ($parameter in $piped) { if ($inputs -notmatch ""\b$parameter\b"") { ""${name}: INPUTS does not name $parameter, which takes pipeline input"" } }
}";

        [Fact]
        public void Every_help_file_matches_its_cmdlets_outputs_parameters_pipeline_input_and_parameter_sets()
        {
            using var session = new PowerShellSession();
            var result = session.Invoke(CompareScript);
            result.ThrowIfErrors();
            var mismatches = result.Output.Select(o => o.ToString()).ToList();
            Assert.True(mismatches.Count == 0, "Help and code differ:\n" + string.Join("\n", mismatches));
        }

        [Fact]
        public void Every_cmdlet_has_two_examples_and_related_links()
        {
            using var session = new PowerShellSession();
            var result = session.Invoke(
                "foreach ($c in Get-Command -Module SociTools -CommandType Cmdlet) { $h = Get-Help $c.Name -Full; " +
                "$examples = @($h.examples.example).Count; $links = @($h.relatedLinks.navigationLink | Where-Object { $_.linkText -or $_.uri }).Count; " +
                "if ($examples -lt 2) { \"$($c.Name): $examples example(s)\" }; if ($links -eq 0) { \"$($c.Name): no related links\" } }");
            result.ThrowIfErrors();
            var missing = result.Output.Select(o => o.ToString()).ToList();
            Assert.True(missing.Count == 0, string.Join("\n", missing));
        }
    }
}
