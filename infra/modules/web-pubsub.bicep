// Live updates: an Azure Web PubSub service that tells the people who have a conversation open that
// it changed (the API publishes; the tab listens). Local authentication is off: the API signs in as
// its managed identity (the "Web PubSub Service Owner" role, modules/access.bicep) and hands each
// browser a short-lived token for one conversation's group; no access key is used or stored.
param name string
param location string
@description('Web PubSub pricing tier: Free_F1 (20 connections, for trying it), Standard_S1 or Premium_P1.')
@allowed(['Free_F1', 'Standard_S1', 'Premium_P1', 'Premium_P2'])
param sku string
@description('Units: each holds 1,000 concurrent connections; a 1:1 with the side panel open on both sides takes two.')
@minValue(1)
@maxValue(100)
param capacity int
@description('The hub the API publishes to (WEBPUBSUB_HUB).')
param hubName string

resource service 'Microsoft.SignalRService/webPubSub@2024-03-01' = {
  name: name
  location: location
  sku: { name: sku, tier: split(sku, '_')[0], capacity: capacity }
  properties: {
    disableLocalAuth: true
    disableAadAuth: false
    // The tab connects from people's browsers, wherever they are.
    publicNetworkAccess: 'Enabled'
    tls: { clientCertEnabled: false }
  }
}

// No event handlers: clients only receive. Connecting needs a token from the API (no anonymous connections).
resource hub 'Microsoft.SignalRService/webPubSub/hubs@2024-03-01' = {
  parent: service
  name: hubName
  properties: {
    anonymousConnectPolicy: 'Deny'
    eventHandlers: []
  }
}

output name string = service.name
// The tab's CSP admits wss://<this host>; the API's WEBPUBSUB_ENDPOINT is https://<this host>.
output hostName string = service.properties.hostName
