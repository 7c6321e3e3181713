// Career Conversations: everything an admin provisions in one resource group.
// Deploy: az deployment group create -g <rg> -f infra/main.bicep -p infra/main.parameters.json
// (or `atk provision`, which runs m365agents.yml with infra/main.parameters.m365agents.json).
targetScope = 'resourceGroup'

@description('Short name used in resource names (letters and digits).')
@minLength(3)
@maxLength(12)
param appName string = 'careerconv'

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('Region for the Static Web App (it is offered in fewer regions).')
param staticWebAppLocation string = 'westeurope'

@description('Client id of the Entra ID app registration that exposes access_as_user (the tokens\' audience).')
param ENTRA_CLIENT_ID string

@description('Comma-separated tenant ids whose users may sign in. Defaults to this subscription\'s tenant.')
param ALLOWED_TENANT_IDS string = tenant().tenantId

@description('The id Teams knows the app by in the tenant (the org catalog\'s), for the links in nudges.')
param TEAMS_APP_ID string

@description('The tab\'s custom domain (career.contoso.com), once its CNAME points at the Static Web App. Empty: its default host name.')
param TAB_CUSTOM_DOMAIN string = ''

@description('Further origins allowed to call the API (https://…), beyond the tab\'s own.')
param extraTabOrigins array = []

@description('Live updates (Azure Web PubSub): the pricing tier.')
@allowed(['Free_F1', 'Standard_S1', 'Premium_P1', 'Premium_P2'])
param webPubSubSku string = 'Standard_S1'

@description('Live updates: Web PubSub units. Each holds 1,000 concurrent connections, and a meeting with the side panel open takes two: ceil(2 x concurrent meetings / 1,000).')
@minValue(1)
@maxValue(100)
param webPubSubCapacity int = 1

@description('Live updates: the Web PubSub hub the API publishes to.')
param WEBPUBSUB_HUB string = 'conversations'

// The default is derived from the resource group, so it stays the same on every deployment (a new key
// renames every conversation's group); anyone who can read the resource group's id can derive it, so
// an admin sets their own (README, Deploy). A per-deployment newGuid() would change it each time.
@secure()
@minLength(32)
@description('Live updates: the secret behind the conversations\' group names, 32 characters or more.')
#disable-next-line secure-parameter-default prefer-interpolation
param LIVE_GROUP_KEY string = concat(uniqueString(resourceGroup().id, 'live-group-key-1'), uniqueString(resourceGroup().id, 'live-group-key-2'), uniqueString(resourceGroup().id, 'live-group-key-3'))

var suffix = uniqueString(resourceGroup().id, appName)

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: '${appName}-${suffix}'
    location: location
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: toLower(take('${appName}${suffix}', 24))
    location: location
  }
}

// Live updates: Web PubSub with local authentication off; the API's identity gets its role below.
module live 'modules/web-pubsub.bicep' = {
  name: 'live'
  params: {
    name: '${appName}-live-${suffix}'
    location: location
    sku: webPubSubSku
    capacity: webPubSubCapacity
    hubName: WEBPUBSUB_HUB
  }
}

// The API's identity first, with its roles; the Function App comes after both.
module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: '${appName}-api-id-${suffix}'
    location: location
  }
}

module access 'modules/access.bicep' = {
  name: 'access'
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    webPubSubName: live.outputs.name
  }
}

module tab 'modules/static-web-app.bicep' = {
  name: 'tab'
  params: {
    name: '${appName}-tab-${suffix}'
    location: staticWebAppLocation
    customDomain: TAB_CUSTOM_DOMAIN
  }
}

module api 'modules/function-app.bicep' = {
  name: 'api'
  // The app starts signing in to storage and Application Insights at once: its roles must exist first.
  dependsOn: [access]
  params: {
    name: '${appName}-api-${suffix}'
    location: location
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    TABLES_ENDPOINT: storage.outputs.TABLES_ENDPOINT
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    ENTRA_CLIENT_ID: ENTRA_CLIENT_ID
    TEAMS_APP_ID: TEAMS_APP_ID
    ALLOWED_TENANT_IDS: ALLOWED_TENANT_IDS
    WEBPUBSUB_ENDPOINT: 'https://${live.outputs.hostName}'
    WEBPUBSUB_HUB: WEBPUBSUB_HUB
    LIVE_GROUP_KEY: LIVE_GROUP_KEY
    allowedOrigins: concat(tab.outputs.origins, extraTabOrigins)
  }
}

// Named like the settings they feed: env/.env.<name> for `npm run build` and `npm run package`.
// The Agents Toolkit writes each output into env/.env.<environment> under the same name.
output TAB_DOMAIN string = tab.outputs.TAB_DOMAIN
output API_BASE_URL string = 'https://${api.outputs.defaultHostName}/api'
// The tab's CSP lets it open wss://<this host> (npm run build reads it from env/.env.<name>).
output WEBPUBSUB_HOST string = live.outputs.hostName
output TABLES_ENDPOINT string = storage.outputs.TABLES_ENDPOINT
output FUNCTION_APP_NAME string = api.outputs.name
output FUNCTION_APP_RESOURCE_ID string = api.outputs.id
output STATIC_WEB_APP_NAME string = tab.outputs.name
output STATIC_WEB_APP_RESOURCE_ID string = tab.outputs.id
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
// The subject of the app registration's federated credential (infra/scripts/federated-credential.sh).
output MANAGED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
