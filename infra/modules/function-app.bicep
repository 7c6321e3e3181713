// The API: a Function App on Flex Consumption (Node 22), running as the user-assigned managed
// identity from modules/identity.bicep. That identity signs in to the host's storage, the
// deployment container, Table Storage and Application Insights, and is the app registration's
// federated credential for Microsoft Graph; every setting names it by its client id, and it signs in
// to Web PubSub for live updates. CORS admits the tab's origin only.
param name string
param location string
@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string
@description('Client id of that identity: how the host and the code pick it.')
param identityClientId string
param storageAccountName string
param TABLES_ENDPOINT string
param deploymentContainerUrl string
param applicationInsightsName string
param ENTRA_CLIENT_ID string
param ALLOWED_TENANT_IDS string
param TEAMS_APP_ID string
@description('The app\'s id in the org catalog when known; empty: looked up in Graph at run time.')
param TEAMS_APP_CATALOG_ID string
@description('Live updates: the Web PubSub service\'s https endpoint; the app signs in as the identity.')
param WEBPUBSUB_ENDPOINT string
param WEBPUBSUB_HUB string
@secure()
param LIVE_GROUP_KEY string
param allowedOrigins array

// Node.js 22 LTS, supported by Azure Functions on Flex Consumption; the bundle is built for it
// (scripts/build.ts) and CI tests on it (.ci/run).
var nodeVersion = '22'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan'
  location: location
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references in app settings (a client secret, if an admin chooses one) resolve with it too.
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: 40
        instanceMemoryMB: 2048
      }
      runtime: { name: 'node', version: nodeVersion }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      cors: {
        allowedOrigins: allowedOrigins
        supportCredentials: false
      }
      appSettings: [
        // The Functions host's own storage, through the managed identity (no key).
        { name: 'AzureWebJobsStorage__accountName', value: account.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        // Telemetry with Entra ID authentication, as the same identity.
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        // What functions/src/config.ts reads.
        { name: 'MANAGED_IDENTITY_CLIENT_ID', value: identityClientId }
        { name: 'TABLES_ENDPOINT', value: TABLES_ENDPOINT }
        { name: 'AUTH_MODE', value: 'entra' }
        { name: 'ENTRA_CLIENT_ID', value: ENTRA_CLIENT_ID }
        { name: 'ALLOWED_TENANT_IDS', value: ALLOWED_TENANT_IDS }
        { name: 'DIRECTORY_MODE', value: 'graph' }
        { name: 'GRAPH_CLIENT_CREDENTIAL', value: 'managedIdentity' }
        // The daily nudges through the activity feed; their links need the id Teams knows the app by:
        // the catalog's when given, else looked up in Graph by the manifest id (TEAMS_APP_ID).
        { name: 'NUDGES_MODE', value: 'graph' }
        { name: 'TEAMS_APP_ID', value: TEAMS_APP_ID }
        { name: 'TEAMS_APP_CATALOG_ID', value: TEAMS_APP_CATALOG_ID }
        // Live updates through Web PubSub, as the identity; the key names the conversations' groups.
        { name: 'WEBPUBSUB_ENDPOINT', value: WEBPUBSUB_ENDPOINT }
        { name: 'WEBPUBSUB_HUB', value: WEBPUBSUB_HUB }
        { name: 'LIVE_GROUP_KEY', value: LIVE_GROUP_KEY }
      ]
    }
  }
}

output name string = site.name
output id string = site.id
output defaultHostName string = site.properties.defaultHostName
