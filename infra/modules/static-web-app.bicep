// Hosts the tab's static site. Its headers, including the CSP frame-ancestors that lets Teams,
// Outlook and the Microsoft 365 app frame it, come from staticwebapp.config.json in the build.
param name string
param location string

resource site 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    stagingEnvironmentPolicy: 'Disabled'
    allowConfigFileUpdates: true
  }
}

output name string = site.name
output TAB_DOMAIN string = site.properties.defaultHostname
