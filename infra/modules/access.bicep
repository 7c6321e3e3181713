// The roles the API's identity needs, granted before the Function App is created (main.bicep makes
// the app depend on this module): the plans' tables, the Functions host's blobs and the deployment
// container on the storage account, sending telemetry to Application Insights, and publishing live
// updates and issuing client tokens on the Web PubSub service. Role
// assignments can take a few minutes to apply in the data plane after they are created; the deploy
// step retries until they do (infra/scripts/deploy-api.sh).
param principalId string
param storageAccountName string
param applicationInsightsName string
param webPubSubName string

var roles = {
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  webPubSubServiceOwner: '12cf5a90-567b-43ae-8102-96cf46c7d9b4'
}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource webPubSub 'Microsoft.SignalRService/webPubSub@2024-03-01' existing = {
  name: webPubSubName
}

// The plans and meeting links (TABLES_ENDPOINT).
resource tableData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, principalId, roles.storageTableDataContributor)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: principalId
    // A new identity may not have replicated yet; naming its type lets the assignment go through.
    principalType: 'ServicePrincipal'
  }
}

// The Functions host's own storage (AzureWebJobsStorage) and the app-package deployment container.
resource blobData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, principalId, roles.storageBlobDataOwner)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Telemetry with Entra ID authentication (the Application Insights resource accepts no key).
resource telemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, principalId, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Live updates: send to a conversation's group and issue client access tokens (local auth is off).
resource liveUpdates 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(webPubSub.id, principalId, roles.webPubSubServiceOwner)
  scope: webPubSub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.webPubSubServiceOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output roleAssignmentIds array = [tableData.id, blobData.id, telemetry.id, liveUpdates.id]
