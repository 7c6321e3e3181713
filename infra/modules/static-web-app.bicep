// Hosts the tab's static site. Its headers, including the CSP frame-ancestors that lets Teams,
// Outlook and the Microsoft 365 app frame it, come from staticwebapp.config.json in the build.
param name string
param location string
@description('A custom domain (career.contoso.com) whose CNAME already points at the default host name; empty for none.')
param customDomain string = ''

resource site 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    stagingEnvironmentPolicy: 'Disabled'
    allowConfigFileUpdates: true
  }
}

// Static Web Apps checks the CNAME and then serves the site, with a certificate, on the domain.
resource domain 'Microsoft.Web/staticSites/customDomains@2024-04-01' = if (!empty(customDomain)) {
  parent: site
  name: empty(customDomain) ? 'none.invalid' : customDomain
  properties: { validationMethod: 'cname-delegation' }
}

output name string = site.name
output id string = site.id
// Where people reach the tab: the custom domain when there is one. The manifest, the app ID URI
// (api://<TAB_DOMAIN>/<client id>) and the package follow it.
output TAB_DOMAIN string = empty(customDomain) ? site.properties.defaultHostname : customDomain
// Both stay allowed to call the API, so packages naming either keep working while a new one rolls out.
output origins array = concat(['https://${site.properties.defaultHostname}'], empty(customDomain) ? [] : ['https://${customDomain}'])
