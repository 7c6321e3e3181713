#!/usr/bin/env bash
# Deploys dist/functions.zip (npm run build) to the Function App, then checks that it answers.
#
#   AZURE_RESOURCE_GROUP_NAME=<rg> FUNCTION_APP_NAME=<name> bash infra/scripts/deploy-api.sh
#
# On a first deployment the identity's roles on the deployment container may not have taken
# effect yet (Azure applies new role assignments within minutes): the upload then fails with 403
# (BlobUploadFailedException), and this script tries again for up to DEPLOY_RETRY_MINUTES (15).
# Flex Consumption takes packages through One Deploy, which `az functionapp deployment source
# config-zip` uses for it (Azure CLI 2.60 or newer).
set -euo pipefail

: "${AZURE_RESOURCE_GROUP_NAME:?Set AZURE_RESOURCE_GROUP_NAME to the resource group.}"
: "${FUNCTION_APP_NAME:?Set FUNCTION_APP_NAME (the deployment output of that name).}"
PACKAGE="${FUNCTION_PACKAGE:-dist/functions.zip}"
RETRY_MINUTES="${DEPLOY_RETRY_MINUTES:-15}"
RETRY_SECONDS="${DEPLOY_RETRY_SECONDS:-30}"
[ -f "$PACKAGE" ] || { echo "No $PACKAGE: run npm run build -- --env <name> first." >&2; exit 1; }

deadline=$(($(date +%s) + RETRY_MINUTES * 60))
attempt=1
until az functionapp deployment source config-zip -g "$AZURE_RESOURCE_GROUP_NAME" -n "$FUNCTION_APP_NAME" \
  --src "$PACKAGE" --only-show-errors > /dev/null; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "The deployment still fails after $RETRY_MINUTES minutes. Check the identity's role assignments:" >&2
    echo "  az role assignment list --all --assignee <MANAGED_IDENTITY_PRINCIPAL_ID> -o table" >&2
    exit 1
  fi
  echo "Attempt $attempt failed (new role assignments can take a few minutes to apply); trying again in $RETRY_SECONDS s."
  attempt=$((attempt + 1))
  sleep "$RETRY_SECONDS"
done

# Without a token the API answers 401 once it runs with valid settings; settings it cannot start
# with stop the worker at start-up, and the host then answers with errors instead.
HOST=$(az functionapp show -g "$AZURE_RESOURCE_GROUP_NAME" -n "$FUNCTION_APP_NAME" --query defaultHostName -o tsv)
status=none
for _ in $(seq 1 30); do
  status=$(curl -s -o /dev/null -w '%{http_code}' "https://$HOST/api/me" || true)
  if [ "$status" = "401" ]; then
    echo "Deployed: https://$HOST/api answers (401 without a token, as it should)."
    exit 0
  fi
  sleep "${HEALTH_RETRY_SECONDS:-10}"
done
echo "Deployed, but https://$HOST/api/me answered $status instead of 401. Look in Application Insights" >&2
echo "(traces) for 'Configuration is incomplete' or a start-up error." >&2
exit 1
