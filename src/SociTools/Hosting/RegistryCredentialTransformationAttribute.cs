using System;
using System.Management.Automation;
using System.Security;

namespace SociTools.Hosting
{
    /// <summary>
    /// Lets -Credential take, besides a PSCredential, the object AWS.Tools.ECR's Get-ECRLoginCommand
    /// returns (or any object with Username and Password), as Windows admins have it at hand.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class RegistryCredentialTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value == null || value is PSCredential) return value!;
            var shape = PSObject.AsPSObject(inputData);
            var user = shape.Properties["Username"]?.Value ?? shape.Properties["UserName"]?.Value;
            var password = shape.Properties["Password"]?.Value;
            if (user is string name && password != null)
            {
                return new PSCredential(name, password as SecureString ?? ToSecureString(password.ToString()));
            }
            throw new ArgumentTransformationMetadataException(
                "-Credential takes a PSCredential (Get-Credential) or an object with Username and Password, such as Get-ECRLoginCommand returns.");
        }

        private static SecureString ToSecureString(string text)
        {
            var secure = new SecureString();
            foreach (var c in text) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
