# A user's own deploy module, the kind the README's "testing your own scripts" section shows: it pushes an image
# layout with its SOCI index and returns the index digest. DeployApp.Tests.ps1 tests it with a mocked Push-SociImage.
function Publish-AppImage {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Layout,
        [Parameter(Mandatory)] [string] $Registry,
        [string] $Tag = 'latest'
    )
    $pushed = Push-SociImage -Path $Layout -Destination "$Registry/app:$Tag" -ErrorAction Stop |
        Where-Object { $_ -is [SociTools.SociPushResult] }
    $pushed.IndexDigests[0]
}
