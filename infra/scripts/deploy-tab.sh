#!/usr/bin/env bash
# Deploys dist/tab (npm run build) to the Static Web App, with its headers (staticwebapp.config.json).
#
#   AZURE_RESOURCE_GROUP_NAME=<rg> STATIC_WEB_APP_NAME=<name> bash infra/scripts/deploy-tab.sh
set -euo pipefail

: "${AZURE_RESOURCE_GROUP_NAME:?Set AZURE_RESOURCE_GROUP_NAME to the resource group.}"
: "${STATIC_WEB_APP_NAME:?Set STATIC_WEB_APP_NAME (the deployment output of that name).}"
[ -f dist/tab/staticwebapp.config.json ] || { echo "No dist/tab: run npm run build -- --env <name> first." >&2; exit 1; }

TOKEN=$(az staticwebapp secrets list -g "$AZURE_RESOURCE_GROUP_NAME" -n "$STATIC_WEB_APP_NAME" \
  --query properties.apiKey -o tsv)
npx --yes @azure/static-web-apps-cli@2 deploy dist/tab --swa-config-location dist/tab --env production \
  --deployment-token "$TOKEN"
