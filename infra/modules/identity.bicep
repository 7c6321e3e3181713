// The API's own identity: a user-assigned managed identity. It exists before the Function App and
// independently of it, so its roles can be granted (modules/access.bicep) before the app starts,
// and so Entra ID can trust it as a federated credential of the app registration (Entra accepts
// user-assigned managed identities there, not system-assigned ones).
param name string
param location string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
}

output id string = identity.id
output name string = identity.name
// What the code and the Functions host pick the identity by (MANAGED_IDENTITY_CLIENT_ID, __clientId).
output clientId string = identity.properties.clientId
// The subject of the app registration's federated credential.
output principalId string = identity.properties.principalId
