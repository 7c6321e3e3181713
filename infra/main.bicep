// Career Conversations: everything an admin provisions in one resource group, the app registration's
// federated credential included (the Microsoft Graph Bicep extension, infra/bicepconfig.json).
// Deploy: az deployment group create -g <rg> -f infra/main.bicep -p infra/main.parameters.json
//   -p TEAMS_APP_ID=<the Teams app id chosen at the start> --no-prompt   (README, Deploy)
// or `atk provision`, which runs m365agents.yml with infra/main.parameters.m365agents.json.
// Needs Bicep v0.36.1 or newer (the Graph extension's 1.0.0 types); m365agents.yml pins it.
targetScope = 'resourceGroup'

// Bicep has no pattern decorator (only @allowed, lengths and values): the length is checked here, the
// names below lower-case it, and the storage account's name keeps its letters and digits only, so
// what the description asks for always deploys; other characters are refused by Azure, by name.
@description('Short name in every resource name: 3 to 12 lowercase letters and digits (for example careerconv).')
@minLength(3)
@maxLength(12)
param appName string = 'careerconv'

// The regions where Azure Functions offers the Flex Consumption plan (`az functionapp
// list-flexconsumption-locations`, read May 2025 from Microsoft's Flex Consumption quickstart
// template); every resource goes there, so a region without Flex Consumption is refused before
// anything is created.
@description('Azure region for every resource but the Static Web App. Must offer the Flex Consumption plan: az functionapp list-flexconsumption-locations -o table. Defaults to the resource group\'s region.')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
param location string = resourceGroup().location

@description('Region for the Static Web App, which is offered in these five only (its content is served from edge locations everywhere).')
@allowed(['westus2', 'centralus', 'eastus2', 'westeurope', 'eastasia'])
param staticWebAppLocation string = 'westeurope'

@description('Redundancy of the storage account that holds the plans: Standard_LRS (three copies in one datacenter, every region) or Standard_ZRS (across the region\'s availability zones, where it has them: az account list-locations --query "[?availabilityZoneMappings].name").')
@allowed(['Standard_LRS', 'Standard_ZRS'])
param storageSku string = 'Standard_LRS'

@description('The Teams app id (a GUID) chosen once, before anything is deployed, and kept for every version: the manifest\'s id. atk provision passes the Developer Portal\'s; the README\'s Azure CLI steps pass the one written to env/.env.<name>.')
@minLength(36)
@maxLength(36)
param TEAMS_APP_ID string

@description('The app\'s id in the organisation\'s app catalog, once published (atk publish writes TEAMS_APP_PUBLISHED_APP_ID). Empty: the API looks it up in Microsoft Graph, and uses TEAMS_APP_ID for an app that is not in the catalog.')
param TEAMS_APP_CATALOG_ID string = ''

@description('The app registration\'s unique name (its Bicep key in Microsoft Graph): the template creates it, or updates the one of this name.')
@minLength(3)
@maxLength(120)
param ENTRA_APP_UNIQUE_NAME string = 'career-conversations-${appName}-${uniqueString(resourceGroup().id)}'

@description('true (default): the template makes the app registration, its service principal and its federated credential. false: the fallback for a tenant where it may not; pass ENTRA_CLIENT_ID and run infra/scripts/federated-credential.sh (README).')
param makeRegistration bool = true

@description('Only with makeRegistration=false: the client id of the app registration made by hand.')
param ENTRA_CLIENT_ID string = ''

@description('Comma-separated tenant ids whose users may sign in. Defaults to this subscription\'s tenant.')
param ALLOWED_TENANT_IDS string = tenant().tenantId

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

var baseName = toLower(appName)
var clientId = makeRegistration ? registration!.outputs.clientId : ENTRA_CLIENT_ID
var suffix = uniqueString(resourceGroup().id, appName)

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: '${baseName}-${suffix}'
    location: location
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take(replace(replace(replace('${baseName}${suffix}', '-', ''), '_', ''), '.', ''), 24)
    location: location
    sku: storageSku
  }
}

// Live updates: Web PubSub with local authentication off; the API's identity gets its role below.
module live 'modules/web-pubsub.bicep' = {
  name: 'live'
  params: {
    name: '${baseName}-live-${suffix}'
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
    name: '${baseName}-api-id-${suffix}'
    location: location
  }
}

// The app registration Teams SSO asks tokens for, its service principal, and its federated credential:
// the API's user-assigned identity signs in as the registration for Microsoft Graph, no secret. The
// Microsoft Graph Bicep extension makes all three (infra/scripts/federated-credential.sh is the fallback
// for a tenant where it cannot run). Its API (identifier URI, access_as_user, pre-authorised clients,
// Graph permissions) is set after this deployment, once the tab's domain is known: aadApp/update in
// m365agents.yml, or the README's Azure CLI step 3.
module registration 'modules/registration.bicep' = if (makeRegistration) {
  name: 'registration'
  params: {
    uniqueName: ENTRA_APP_UNIQUE_NAME
    identityPrincipalId: identity.outputs.principalId
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
    name: '${baseName}-tab-${suffix}'
    location: staticWebAppLocation
    customDomain: TAB_CUSTOM_DOMAIN
  }
}

module api 'modules/function-app.bicep' = {
  name: 'api'
  // The app starts signing in to storage and Application Insights at once: its roles must exist first.
  dependsOn: [access]
  params: {
    name: '${baseName}-api-${suffix}'
    location: location
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    TABLES_ENDPOINT: storage.outputs.TABLES_ENDPOINT
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    ENTRA_CLIENT_ID: clientId
    TEAMS_APP_ID: TEAMS_APP_ID
    TEAMS_APP_CATALOG_ID: TEAMS_APP_CATALOG_ID
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
// The app registration: the manifest's webApplicationInfo, aadApp/update and the README's step 3 name it.
output ENTRA_CLIENT_ID string = clientId
output ENTRA_APP_OBJECT_ID string = makeRegistration ? registration!.outputs.objectId : ''
output ENTRA_TENANT_ID string = tenant().tenantId
// The Teams app id the API's nudges link to (echoed, so the environment file holds the one deployed).
output TEAMS_APP_ID string = TEAMS_APP_ID
// The subject of the app registration's federated credential (also infra/scripts/federated-credential.sh, the fallback).
output MANAGED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
