#!/usr/bin/env bash
# The fallback for the federated credential, which infra/main.bicep makes itself (the Microsoft Graph
# Bicep extension, modules/registration.bicep): for a tenant where the deployment may not create
# Graph resources and runs with makeRegistration=false (README, Deploy, step 5).
# Lets the API's user-assigned managed identity sign in as the app registration (a federated
# identity credential), so the on-behalf-of calls to Microsoft Graph need no client secret.
# Entra ID accepts a user-assigned managed identity as the subject here, not a Function App's
# system-assigned identity. Safe to run again: it creates the credential, or corrects its subject.
#
#   ENTRA_CLIENT_ID=<app registration client id> MANAGED_IDENTITY_PRINCIPAL_ID=<principal id> \
#     bash infra/scripts/federated-credential.sh
#
# Needs the Azure CLI, signed in (az login) as an owner of the app registration or an
# Application Administrator.
set -euo pipefail

: "${ENTRA_CLIENT_ID:?Set ENTRA_CLIENT_ID to the client id of the app registration.}"
: "${MANAGED_IDENTITY_PRINCIPAL_ID:?Set MANAGED_IDENTITY_PRINCIPAL_ID (the deployment output of that name).}"
TENANT_ID="${ENTRA_TENANT_ID:-$(az account show --query tenantId -o tsv)}"
NAME="${FEDERATED_CREDENTIAL_NAME:-career-api}"

PARAMETERS=$(printf '{"name": "%s", "issuer": "%s", "subject": "%s", "audiences": ["api://AzureADTokenExchange"], "description": "%s"}' \
  "$NAME" "https://login.microsoftonline.com/$TENANT_ID/v2.0" "$MANAGED_IDENTITY_PRINCIPAL_ID" \
  "The managed identity of the Career Conversations API")

CURRENT=$(az ad app federated-credential list --id "$ENTRA_CLIENT_ID" \
  --query "[?name=='$NAME'].subject | [0]" -o tsv)
if [ -z "$CURRENT" ]; then
  az ad app federated-credential create --id "$ENTRA_CLIENT_ID" --parameters "$PARAMETERS" > /dev/null
  echo "Federated credential $NAME created: the identity $MANAGED_IDENTITY_PRINCIPAL_ID signs in as app $ENTRA_CLIENT_ID."
elif [ "$CURRENT" != "$MANAGED_IDENTITY_PRINCIPAL_ID" ]; then
  az ad app federated-credential update --id "$ENTRA_CLIENT_ID" --federated-credential-id "$NAME" \
    --parameters "$PARAMETERS" > /dev/null
  echo "Federated credential $NAME now names the identity $MANAGED_IDENTITY_PRINCIPAL_ID (it named $CURRENT)."
else
  echo "Federated credential $NAME already names the identity $MANAGED_IDENTITY_PRINCIPAL_ID."
fi
