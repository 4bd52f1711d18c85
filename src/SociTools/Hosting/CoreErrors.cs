using System;
using System.IO;
using System.Management.Automation;
using SociTools.Core;
using SociTools.Core.Finch;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Layout;
using SociTools.Core.Registry;
using SociTools.Core.Registry.Auth;
using SociTools.Core.Soci;
using SociTools.Core.Soci.Building;
using SociTools.Core.Soci.ImageFiles;
using SociTools.Core.Soci.Locating;

namespace SociTools.Hosting
{
    /// <summary>
    /// Turns the core's exceptions into error records with stable ids (users' tests assert them)
    /// and a category; the core's messages are already written for users.
    /// </summary>
    internal static class CoreErrors
    {
        public static ErrorRecord ToErrorRecord(Exception exception, object? target)
        {
            var (id, category) = Classify(exception);
            return new ErrorRecord(exception, id, category, target);
        }

        private static (string Id, ErrorCategory Category) Registry(RegistryErrorKind kind) => kind switch
        {
            RegistryErrorKind.Unauthorized => ("RegistryUnauthorized", ErrorCategory.AuthenticationError),
            RegistryErrorKind.Forbidden => ("RegistryForbidden", ErrorCategory.PermissionDenied),
            RegistryErrorKind.NotFound => ("RegistryNotFound", ErrorCategory.ObjectNotFound),
            RegistryErrorKind.NotOciRegistry => ("NotOciRegistry", ErrorCategory.InvalidResult),
            RegistryErrorKind.Throttled => ("RegistryThrottled", ErrorCategory.LimitsExceeded),
            RegistryErrorKind.Network => ("RegistryUnreachable", ErrorCategory.ConnectionError),
            RegistryErrorKind.ServerError => ("RegistryServerError", ErrorCategory.ProtocolError),
            RegistryErrorKind.Unsupported => ("RegistryOperationUnsupported", ErrorCategory.NotImplemented),
            _ => ("RegistryProtocolError", ErrorCategory.ProtocolError),
        };

        private static (string Id, ErrorCategory Category) Finch(FinchErrorKind kind) => kind switch
        {
            FinchErrorKind.VmNotFound => ("FinchVmNotFound", ErrorCategory.ObjectNotFound),
            FinchErrorKind.VmAlreadyRunning => ("FinchVmAlreadyRunning", ErrorCategory.ResourceExists),
            FinchErrorKind.VmAlreadyStopped => ("FinchVmAlreadyStopped", ErrorCategory.InvalidOperation),
            FinchErrorKind.VmAlreadyExists => ("FinchVmAlreadyExists", ErrorCategory.ResourceExists),
            FinchErrorKind.VmRunning => ("FinchVmRunning", ErrorCategory.ResourceBusy),
            FinchErrorKind.VmNotRunning => ("FinchVmNotRunning", ErrorCategory.ResourceUnavailable),
            FinchErrorKind.VmStatusUnknown => ("FinchVmStatusUnknown", ErrorCategory.InvalidResult),
            FinchErrorKind.VmFailed => ("FinchVmFailed", ErrorCategory.InvalidOperation),
            FinchErrorKind.VmUnsupported => ("FinchVmUnsupported", ErrorCategory.NotImplemented),
            FinchErrorKind.SnapshotterNotSupported => ("FinchSnapshotterNotSupported", ErrorCategory.InvalidData),
            FinchErrorKind.ConfigInvalid => ("FinchConfigInvalid", ErrorCategory.InvalidData),
            FinchErrorKind.UnknownCommand => ("FinchCommandUnknown", ErrorCategory.NotImplemented),
            _ => ("FinchCommandFailed", ErrorCategory.InvalidOperation),
        };

        private static (string Id, ErrorCategory Category) Classify(Exception exception)
        {
            switch (exception)
            {
                case SociLayerBuildException layer when layer.InnerException is RegistryException registry:
                    // The layer is fine; the registry stopped sending it, and that is what the user can act on.
                    return Registry(registry.Kind);
                case SociLayerBuildException layer:
                    return layer.InnerException is SociFormatException
                        ? ("LayerContentInvalid", ErrorCategory.InvalidData)
                        : ("LayerIndexingFailed", ErrorCategory.ReadError);
                case SociIndexNotFoundException _:
                    return ("SociIndexNotFound", ErrorCategory.ObjectNotFound);
                case LayerNotIndexedException _:
                    return ("LayerNotIndexed", ErrorCategory.ResourceUnavailable);
                case EmptySociIndexException _:
                    return ("NoLayerIndexed", ErrorCategory.InvalidData);
                case LayoutChangedException _:
                    return ("LayoutChanged", ErrorCategory.ResourceBusy);
                case ImageReferenceException _:
                    return ("ImageNotFound", ErrorCategory.ObjectNotFound);
                case ContentVerificationException _:
                    return ("ContentDigestMismatch", ErrorCategory.InvalidData);
                case SociFormatException _:
                    return ("InvalidImageContent", ErrorCategory.InvalidData);
                case RegistryException registry:
                    return Registry(registry.Kind);
                case Core.Ztoc.Extraction.ZtocFileNotFoundException _:
                    return ("FileNotInZtoc", ErrorCategory.ObjectNotFound);
                case CredentialException _:
                    return ("CredentialUnavailable", ErrorCategory.AuthenticationError);
                case Core.Finch.Config.FinchConfigException config:
                    return config.Problem switch
                    {
                        Core.Finch.Config.FinchConfigProblem.NotEditable => ("FinchConfigNotEditable", ErrorCategory.InvalidOperation),
                        Core.Finch.Config.FinchConfigProblem.ChangedMeanwhile => ("FinchConfigChanged", ErrorCategory.ResourceBusy),
                        _ => ("FinchConfigInvalid", ErrorCategory.InvalidData),
                    };
                case FinchNotInstalledException _:
                    return ("FinchNotInstalled", ErrorCategory.ObjectNotFound);
                case FinchCommandException command:
                    return Finch(command.Kind);
                case FinchVmTimeoutException _:
                    return ("FinchVmTimeout", ErrorCategory.OperationTimeout);
                case FinchException _:
                    return ("FinchCommandFailed", ErrorCategory.InvalidOperation);
                case Core.IO.DestinationExistsException _:
                    return ("DestinationExists", ErrorCategory.ResourceExists);
                case Core.IO.UnsafeFileNameException _:
                    return ("UnsafeFileName", ErrorCategory.InvalidData);
                case FileNotFoundException _:
                case DirectoryNotFoundException _:
                    return ("PathNotFound", ErrorCategory.ObjectNotFound);
                case Core.IO.FileLockTimeoutException _:
                    return ("FileLockTimeout", ErrorCategory.ResourceBusy);
                case UnauthorizedAccessException _:
                    return ("AccessDenied", ErrorCategory.PermissionDenied);
                case IOException _:
                    return ("FileSystemError", ErrorCategory.WriteError);
                case ArgumentException _:
                case FormatException _:
                    return ("InvalidArgument", ErrorCategory.InvalidArgument);
                default:
                    return ("UnexpectedError", ErrorCategory.NotSpecified);
            }
        }
    }
}
