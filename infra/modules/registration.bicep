// The Entra ID app registration, its service principal and its federated credential, made with the
// Microsoft Graph Bicep extension (types v1.0:1.0.0, Bicep v0.36.1 or newer; infra/bicepconfig.json).
// Graph resources are keyed by a client-provided name: the registration by `uniqueName`, so a second
// deployment updates the same registration, and the credential by `<uniqueName>/<name>`.
//
// Only what the deployment itself needs is declared here; Graph applies a declaration as an update,
// so the registration's API (identifier URI, access_as_user, pre-authorised clients, permissions),
// which aadApp/update or the README's Azure CLI step 3 sets once the tab's domain is known, is left
// as it is on every later deployment.
//
// The deploying user needs to be allowed to register applications (Application Developer, or any
// user where users may), as with `az ad app create`; they become its owner.
extension microsoftGraphV1

@description('The registration\'s unique name in the tenant.')
param uniqueName string

@description('The principal id of the API\'s user-assigned managed identity: the subject of the federated credential.')
param identityPrincipalId string

@description('Name of the federated credential on the registration.')
param credentialName string = 'career-api'

resource registration 'Microsoft.Graph/applications@v1.0' = {
  uniqueName: uniqueName
  displayName: 'Career Conversations'
  signInAudience: 'AzureADMyOrg'
  owners: {
    relationships: [deployer().objectId]
  }

  // The API's identity signs in as the registration (client assertion) for the on-behalf-of calls and
  // the nudges: Entra ID trusts its token for api://AzureADTokenExchange in place of a secret.
  resource credential 'federatedIdentityCredentials@v1.0' = {
    name: '${registration.uniqueName}/${credentialName}'
    description: 'The managed identity of the Career Conversations API'
    issuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
    subject: identityPrincipalId
    audiences: ['api://AzureADTokenExchange']
  }
}

// The registration's service principal in this tenant: what admin consent and the API's tokens need.
resource servicePrincipal 'Microsoft.Graph/servicePrincipals@v1.0' = {
  appId: registration.appId
}

output clientId string = registration.appId
output objectId string = registration.id
output servicePrincipalId string = servicePrincipal.id
