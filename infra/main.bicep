// Career Conversations: everything an admin provisions in one resource group.
// Deploy: az deployment group create -g <rg> -f infra/main.bicep -p infra/main.parameters.json
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

@description('Extra origins allowed to call the API, such as a custom domain of the tab (https://career.contoso.com).')
param extraTabOrigins array = []

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

module tab 'modules/static-web-app.bicep' = {
  name: 'tab'
  params: {
    name: '${appName}-tab-${suffix}'
    location: staticWebAppLocation
  }
}

module api 'modules/function-app.bicep' = {
  name: 'api'
  params: {
    name: '${appName}-api-${suffix}'
    location: location
    storageAccountName: storage.outputs.name
    TABLES_ENDPOINT: storage.outputs.TABLES_ENDPOINT
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    ENTRA_CLIENT_ID: ENTRA_CLIENT_ID
    ALLOWED_TENANT_IDS: ALLOWED_TENANT_IDS
    allowedOrigins: concat(['https://${tab.outputs.TAB_DOMAIN}'], extraTabOrigins)
  }
}

// Named like the settings they feed: env/.env.<name> for `npm run build` and `npm run package`.
output TAB_DOMAIN string = tab.outputs.TAB_DOMAIN
output API_BASE_URL string = 'https://${api.outputs.defaultHostName}/api'
output TABLES_ENDPOINT string = storage.outputs.TABLES_ENDPOINT
output FUNCTION_APP_NAME string = api.outputs.name
output FUNCTION_APP_PRINCIPAL_ID string = api.outputs.principalId
output STATIC_WEB_APP_NAME string = tab.outputs.name
