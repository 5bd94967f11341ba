/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ShellViewer {\n    viewer {\n      user {\n        id\n        name\n        email\n      }\n      memberships {\n        id\n        role\n        agency {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.ShellViewerDocument,
    "\n  mutation ChangeMemberRole($input: ChangeMemberRoleInput!) {\n    changeMemberRole(input: $input) {\n      id\n      role\n      allWorkspaces\n      workspaces {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ChangeMemberRoleDocument,
    "\n  mutation CreateConnection($input: CreateConnectionInput!) {\n    createConnection(input: $input) {\n      id\n      name\n      status\n      lastCheckedAt\n    }\n  }\n": typeof types.CreateConnectionDocument,
    "\n  mutation StartConnection($input: StartConnectionInput!) {\n    startConnection(input: $input) {\n      authorizeUrl\n    }\n  }\n": typeof types.StartConnectionDocument,
    "\n  query ConnectViewer {\n    viewer {\n      user {\n        id\n        email\n      }\n    }\n  }\n": typeof types.ConnectViewerDocument,
    "\n  mutation CreateSync($workspaceId: ID!, $input: SyncInput!) {\n    createSync(workspaceId: $workspaceId, input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.CreateSyncDocument,
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      secret\n      token {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation InstallSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      viewer {\n        memberships {\n          id\n          agency {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.InstallSignUpDocument,
    "\n  mutation InstallAcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      viewer {\n        user {\n          id\n        }\n      }\n    }\n  }\n": typeof types.InstallAcceptInvitationDocument,
    "\n  mutation InstallSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        user {\n          id\n        }\n      }\n    }\n  }\n": typeof types.InstallSignInDocument,
    "\n  query InventoryAdjustments($workspaceId: ID!, $sku: String, $first: Int) {\n    inventoryAdjustments(workspaceId: $workspaceId, sku: $sku, first: $first) {\n      totalCount\n      items {\n        ...InventoryAdjustmentRow\n      }\n    }\n  }\n": typeof types.InventoryAdjustmentsDocument,
    "\n  query InventoryChannels($workspaceId: ID!) {\n    connections(workspaceId: $workspaceId) {\n      id\n      name\n      status\n      connector {\n        slug\n        name\n      }\n    }\n  }\n": typeof types.InventoryChannelsDocument,
    "\n  mutation SetInventoryPolicy($workspaceId: ID!, $input: InventoryPolicyInput!) {\n    setInventoryPolicy(workspaceId: $workspaceId, input: $input) {\n      ...InventoryPolicyFields\n    }\n  }\n": typeof types.SetInventoryPolicyDocument,
    "\n  mutation ReconcileInventory($workspaceId: ID!) {\n    reconcileInventory(workspaceId: $workspaceId) {\n      ...InventoryReconciliationFields\n    }\n  }\n": typeof types.ReconcileInventoryDocument,
    "\n  mutation SetInventoryAvailable($workspaceId: ID!, $sku: String!, $available: Int!) {\n    setInventoryAvailable(workspaceId: $workspaceId, sku: $sku, available: $available) {\n      ...InventoryItemRow\n    }\n  }\n": typeof types.SetInventoryAvailableDocument,
    "\n  query InventoryItems($workspaceId: ID!, $search: String, $driftOnly: Boolean, $first: Int, $offset: Int) {\n    inventoryItems(workspaceId: $workspaceId, search: $search, driftOnly: $driftOnly, first: $first, offset: $offset) {\n      totalCount\n      items {\n        ...InventoryItemRow\n      }\n    }\n  }\n": typeof types.InventoryItemsDocument,
    "\n  mutation InviteMember($input: InviteMemberInput!) {\n    inviteMember(input: $input) {\n      inviteUrl\n      invitation {\n        id\n        email\n      }\n    }\n  }\n": typeof types.InviteMemberDocument,
    "\n  fragment MappingEditorFields on Mapping {\n    id\n    name\n    version\n    sourceEntity\n    targetEntity\n    definition\n    sourceConnection {\n      id\n      name\n    }\n    targetConnection {\n      id\n      name\n    }\n  }\n": typeof types.MappingEditorFieldsFragmentDoc,
    "\n  mutation CreateMapping($workspaceId: ID!, $input: MappingInput!) {\n    createMapping(workspaceId: $workspaceId, input: $input) {\n      ...MappingEditorFields\n    }\n  }\n": typeof types.CreateMappingDocument,
    "\n  mutation UpdateMapping($id: ID!, $input: MappingInput!) {\n    updateMapping(id: $id, input: $input) {\n      ...MappingEditorFields\n    }\n  }\n": typeof types.UpdateMappingDocument,
    "\n  fragment MappingPreviewRowFields on MappingPreviewRow {\n    sourceId\n    source\n    target\n    errors\n  }\n": typeof types.MappingPreviewRowFieldsFragmentDoc,
    "\n  query PreviewMapping($workspaceId: ID!, $input: MappingInput!, $limit: Int) {\n    previewMapping(workspaceId: $workspaceId, input: $input, limit: $limit) {\n      ...MappingPreviewRowFields\n    }\n  }\n": typeof types.PreviewMappingDocument,
    "\n  query Recipes($workspaceId: ID!) {\n    recipes {\n      slug\n      name\n      summary\n      marketing\n      needs {\n        slug\n        name\n        category\n      }\n    }\n    connections(workspaceId: $workspaceId) {\n      id\n      status\n      connector {\n        slug\n      }\n    }\n  }\n": typeof types.RecipesDocument,
    "\n  mutation AddRecipe($workspaceId: ID!, $recipe: String!) {\n    addRecipe(workspaceId: $workspaceId, recipe: $recipe) {\n      id\n      name\n      version\n    }\n  }\n": typeof types.AddRecipeDocument,
    "\n  fragment BacktestResultFields on BacktestResult {\n    events\n    wouldStart\n    wouldFinish\n    wouldExit\n    stepsReached {\n      path\n      count\n    }\n    truncated\n  }\n": typeof types.BacktestResultFieldsFragmentDoc,
    "\n  mutation BacktestRule($id: ID!, $from: Time!, $to: Time!) {\n    backtestRule(id: $id, from: $from, to: $to) {\n      ...BacktestResultFields\n    }\n  }\n": typeof types.BacktestRuleDocument,
    "\n  fragment RuleEditorFields on Rule {\n    id\n    name\n    enabled\n    recipe\n    version\n    condition\n    exitCondition\n    marketing\n    steps\n    updatedAt\n    trigger {\n      event\n      delayMinutes\n      connection {\n        id\n        name\n      }\n    }\n  }\n": typeof types.RuleEditorFieldsFragmentDoc,
    "\n  fragment RuleTestResultFields on RuleTestResult {\n    eventSource\n    eventType\n    conditionHeld\n    exited\n    steps {\n      path\n      kind\n      title\n      outcome\n      rendered {\n        name\n        value\n      }\n    }\n  }\n": typeof types.RuleTestResultFieldsFragmentDoc,
    "\n  mutation CreateRule($workspaceId: ID!, $input: RuleInput!) {\n    createRule(workspaceId: $workspaceId, input: $input) {\n      ...RuleEditorFields\n    }\n  }\n": typeof types.CreateRuleDocument,
    "\n  mutation UpdateRule($id: ID!, $input: RuleInput!) {\n    updateRule(id: $id, input: $input) {\n      ...RuleEditorFields\n    }\n  }\n": typeof types.UpdateRuleDocument,
    "\n  mutation TestRule($workspaceId: ID!, $input: RuleInput!) {\n    testRule(workspaceId: $workspaceId, input: $input) {\n      ...RuleTestResultFields\n    }\n  }\n": typeof types.TestRuleDocument,
    "\n  mutation SetRuleEnabled($id: ID!, $enabled: Boolean!) {\n    setRuleEnabled(id: $id, enabled: $enabled) {\n      id\n      enabled\n      updatedAt\n    }\n  }\n": typeof types.SetRuleEnabledDocument,
    "\n  mutation SetWorkspaceTimeZone($input: SetWorkspaceTimeZoneInput!) {\n    setWorkspaceTimeZone(input: $input) {\n      id\n      timeZone\n    }\n  }\n": typeof types.SetWorkspaceTimeZoneDocument,
    "\n  query SyncRunErrors($id: ID!) {\n    syncRun(id: $id) {\n      id\n      error\n      recordErrors(first: 100) {\n        id\n        sourceId\n        reason\n        record\n        createdAt\n      }\n    }\n  }\n": typeof types.SyncRunErrorsDocument,
    "\n  mutation UpdateSync($id: ID!, $input: SyncInput!) {\n    updateSync(id: $id, input: $input) {\n      ...SyncDetail\n    }\n  }\n": typeof types.UpdateSyncDocument,
    "\n  mutation DeleteSync($id: ID!) {\n    deleteSync(id: $id)\n  }\n": typeof types.DeleteSyncDocument,
    "\n  query PreviewTemplate($workspaceId: ID!, $eventType: String!, $template: String!, $html: Boolean) {\n    previewTemplate(workspaceId: $workspaceId, eventType: $eventType, template: $template, html: $html) {\n      rendered\n      error\n      line\n      length\n      segments\n    }\n  }\n": typeof types.PreviewTemplateDocument,
    "\n  query WorkspaceOptions($agencyId: ID!) {\n    workspaces(agencyId: $agencyId, first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.WorkspaceOptionsDocument,
    "\n  query WorkspaceHeader($id: ID!) {\n    workspace(id: $id) {\n      id\n      name\n      archivedAt\n      timeZone\n    }\n  }\n": typeof types.WorkspaceHeaderDocument,
    "\n  mutation CompleteAppInstall($input: CompleteAppInstallInput!) {\n    completeAppInstall(input: $input) {\n      workspace {\n        id\n        agency {\n          id\n        }\n      }\n      connection {\n        id\n      }\n    }\n  }\n": typeof types.CompleteAppInstallDocument,
    "\n  subscription InventoryUpdated($workspaceId: ID!) {\n    inventoryUpdated(workspaceId: $workspaceId) {\n      item {\n        id\n        sku\n      }\n      adjustment {\n        id\n      }\n      reconciliation {\n        id\n        status\n      }\n    }\n  }\n": typeof types.InventoryUpdatedDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  fragment SyncRunFields on SyncRun {\n    id\n    mappingVersion\n    mode\n    reason\n    status\n    pages\n    recordsRead\n    recordsWritten\n    recordsFailed\n    recordsTotal\n    recordsPerSecond\n    etaSeconds\n    error\n    startedAt\n    updatedAt\n    finishedAt\n    sync {\n      id\n    }\n  }\n": typeof types.SyncRunFieldsFragmentDoc,
    "\n  subscription SyncRunUpdated($workspaceId: ID!, $runId: ID) {\n    syncRunUpdated(workspaceId: $workspaceId, runId: $runId) {\n      ...SyncRunFields\n    }\n  }\n": typeof types.SyncRunUpdatedDocument,
    "\n  fragment AuditRow on AuditEntry {\n    id\n    action\n    summary\n    createdAt\n    actor {\n      kind\n      tokenName\n      user {\n        id\n        name\n      }\n    }\n    workspace {\n      id\n      name\n    }\n  }\n": typeof types.AuditRowFragmentDoc,
    "\n  query AuditLog($agencyId: ID!, $workspaceId: ID, $after: String) {\n    auditLog(agencyId: $agencyId, workspaceId: $workspaceId, first: 50, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...AuditRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  subscription AuditLogAdded($agencyId: ID!, $workspaceId: ID) {\n    auditLogAdded(agencyId: $agencyId, workspaceId: $workspaceId) {\n      ...AuditRow\n    }\n  }\n": typeof types.AuditLogAddedDocument,
    "\n  fragment ConnectorFieldSpec on ConnectorField {\n    name\n    label\n    type\n    required\n    help\n    pattern\n    patternHelp\n    options\n    default\n    min\n    max\n    maxLength\n  }\n": typeof types.ConnectorFieldSpecFragmentDoc,
    "\n  query Connector($slug: String!) {\n    connector(slug: $slug) {\n      slug\n      name\n      category\n      summary\n      docsUrl\n      apiVersion\n      sandboxUrl\n      auth {\n        kind\n        scopes\n      }\n      fields {\n        ...ConnectorFieldSpec\n      }\n      events {\n        type\n        summary\n      }\n      actions {\n        name\n        summary\n        marketing\n        input {\n          name\n          type\n          required\n        }\n      }\n      entities {\n        name\n        read\n        write\n      }\n      rateBudget {\n        requests\n        perSeconds\n        costPoints\n        restorePerSecond\n        note\n      }\n    }\n  }\n": typeof types.ConnectorDocument,
    "\n  query HomeViewer {\n    viewer {\n      memberships {\n        id\n        agency {\n          id\n        }\n      }\n    }\n  }\n": typeof types.HomeViewerDocument,
    "\n  query AppInstall($token: String!) {\n    appInstall(token: $token) {\n      shop\n      accountName\n      expiresAt\n      connector {\n        slug\n        name\n        category\n        sandboxUrl\n      }\n      workspaces {\n        id\n        name\n        agency {\n          id\n          name\n        }\n      }\n      connectedWorkspaceIds\n      agencies {\n        id\n        name\n      }\n    }\n  }\n": typeof types.AppInstallDocument,
    "\n  query InstallViewer {\n    viewer {\n      user {\n        id\n        email\n      }\n    }\n  }\n": typeof types.InstallViewerDocument,
    "\n  fragment InventoryReconciliationFields on InventoryReconciliation {\n    id\n    reason\n    status\n    skus\n    repaired\n    error\n    startedAt\n    finishedAt\n  }\n": typeof types.InventoryReconciliationFieldsFragmentDoc,
    "\n  fragment InventoryPolicyFields on InventoryPolicy {\n    enabled\n    reconcileCron\n    nextReconcileAt\n    sourceOfTruth {\n      id\n      name\n    }\n    channels {\n      id\n      name\n      connector {\n        slug\n        name\n      }\n    }\n    lastReconciliation {\n      ...InventoryReconciliationFields\n    }\n  }\n": typeof types.InventoryPolicyFieldsFragmentDoc,
    "\n  fragment InventoryItemRow on InventoryItem {\n    id\n    sku\n    title\n    available\n    drift\n    updatedAt\n    levels {\n      channel {\n        id\n        name\n      }\n      available\n      inSync\n      error\n      updatedAt\n    }\n  }\n": typeof types.InventoryItemRowFragmentDoc,
    "\n  fragment InventoryAdjustmentRow on InventoryAdjustment {\n    id\n    sku\n    channel {\n      id\n      name\n    }\n    cause\n    reference\n    before\n    after\n    delta\n    oversold\n    createdAt\n  }\n": typeof types.InventoryAdjustmentRowFragmentDoc,
    "\n  query InventoryPolicy($workspaceId: ID!) {\n    inventoryPolicy(workspaceId: $workspaceId) {\n      ...InventoryPolicyFields\n    }\n  }\n": typeof types.InventoryPolicyDocument,
    "\n  query InvitationPreview($token: String!) {\n    invitationPreview(token: $token) {\n      agencyId\n      agencyName\n      email\n      role\n      invitedByName\n      expiresAt\n      accountExists\n    }\n  }\n": typeof types.InvitationPreviewDocument,
    "\n  query InviteViewer {\n    viewer {\n      user {\n        id\n        email\n      }\n    }\n  }\n": typeof types.InviteViewerDocument,
    "\n  mutation AcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      viewer {\n        memberships {\n          id\n          agency {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.AcceptInvitationDocument,
    "\n  fragment MappingEntityField on ConnectorField {\n    name\n    label\n    type\n    required\n  }\n": typeof types.MappingEntityFieldFragmentDoc,
    "\n  fragment MappingConnection on Connection {\n    id\n    name\n    status\n    connector {\n      slug\n      name\n      entities {\n        name\n        read\n        write\n        fields {\n          ...MappingEntityField\n        }\n      }\n    }\n  }\n": typeof types.MappingConnectionFragmentDoc,
    "\n  query MappingEditorData($workspaceId: ID!) {\n    connections(workspaceId: $workspaceId) {\n      ...MappingConnection\n    }\n  }\n": typeof types.MappingEditorDataDocument,
    "\n  query MappingEditorMappings($workspaceId: ID!) {\n    mappings(workspaceId: $workspaceId) {\n      ...MappingEditorFields\n    }\n  }\n": typeof types.MappingEditorMappingsDocument,
    "\n  query MarketplaceCategories {\n    connectors {\n      slug\n      category\n    }\n  }\n": typeof types.MarketplaceCategoriesDocument,
    "\n  query Marketplace($category: ConnectorCategory, $search: String) {\n    connectors(category: $category, search: $search) {\n      slug\n      name\n      category\n      summary\n      sandboxUrl\n      auth {\n        kind\n      }\n    }\n  }\n": typeof types.MarketplaceDocument,
    "\n  query Members($agencyId: ID!, $after: String) {\n    members(agencyId: $agencyId, first: 20, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          role\n          allWorkspaces\n          workspaces {\n            id\n            name\n          }\n          user {\n            id\n            name\n            email\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MembersDocument,
    "\n  query PendingInvitations($agencyId: ID!, $after: String) {\n    invitations(agencyId: $agencyId, first: 20, after: $after, status: PENDING) {\n      totalCount\n      edges {\n        node {\n          id\n          email\n          role\n          allWorkspaces\n          workspaces {\n            id\n            name\n          }\n          expiresAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.PendingInvitationsDocument,
    "\n  mutation RemoveMember($membershipId: ID!) {\n    removeMember(membershipId: $membershipId)\n  }\n": typeof types.RemoveMemberDocument,
    "\n  mutation RevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.RevokeInvitationDocument,
    "\n  query RuleEditorData($workspaceId: ID!) {\n    triggerEvents {\n      type\n      derived\n      connectors {\n        slug\n        name\n      }\n    }\n    connectors {\n      slug\n      name\n      category\n      actions {\n        name\n        summary\n        marketing\n        input {\n          ...ConnectorFieldSpec\n        }\n      }\n    }\n    connections(workspaceId: $workspaceId) {\n      id\n      name\n      status\n      connector {\n        slug\n        name\n      }\n    }\n  }\n": typeof types.RuleEditorDataDocument,
    "\n  query RuleEditorRule($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Rule {\n        ...RuleEditorFields\n      }\n    }\n  }\n": typeof types.RuleEditorRuleDocument,
    "\n  fragment RuleRow on Rule {\n    id\n    name\n    enabled\n    recipe\n    version\n    marketing\n    updatedAt\n    trigger {\n      event\n      delayMinutes\n      connection {\n        id\n        name\n      }\n    }\n  }\n": typeof types.RuleRowFragmentDoc,
    "\n  query Rules($workspaceId: ID!) {\n    rules(workspaceId: $workspaceId) {\n      ...RuleRow\n    }\n  }\n": typeof types.RulesDocument,
    "\n  subscription RuleUpdated($workspaceId: ID!) {\n    ruleUpdated(workspaceId: $workspaceId) {\n      ...RuleRow\n    }\n  }\n": typeof types.RuleUpdatedDocument,
    "\n  mutation DeleteRule($id: ID!) {\n    deleteRule(id: $id)\n  }\n": typeof types.DeleteRuleDocument,
    "\n  fragment RunStepFields on RunStep {\n    path\n    kind\n    title\n    status\n    attempts\n    summary\n    error\n    providerResponse\n    startedAt\n    finishedAt\n  }\n": typeof types.RunStepFieldsFragmentDoc,
    "\n  fragment RunDetail on Run {\n    ...RunRow\n    rule {\n      id\n      name\n      version\n    }\n    customer {\n      id\n      email\n      firstName\n      lastName\n    }\n    steps {\n      ...RunStepFields\n    }\n  }\n": typeof types.RunDetailFragmentDoc,
    "\n  query RunPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Run {\n        ...RunDetail\n      }\n    }\n  }\n": typeof types.RunPageDocument,
    "\n  subscription RunChanged($id: ID!) {\n    run(id: $id) {\n      ...RunDetail\n    }\n  }\n": typeof types.RunChangedDocument,
    "\n  mutation RetryRun($id: ID!) {\n    retryRun(id: $id) {\n      ...RunDetail\n    }\n  }\n": typeof types.RetryRunDocument,
    "\n  mutation CancelRun($id: ID!) {\n    cancelRun(id: $id) {\n      ...RunDetail\n    }\n  }\n": typeof types.CancelRunDocument,
    "\n  fragment RunRow on Run {\n    id\n    status\n    version\n    startedAt\n    updatedAt\n    finishedAt\n    waitingUntil\n    error\n    rule {\n      id\n      name\n    }\n    event {\n      id\n      type\n      occurredAt\n    }\n    customer {\n      id\n      email\n    }\n  }\n": typeof types.RunRowFragmentDoc,
    "\n  query Runs($workspaceId: ID!, $ruleId: ID, $status: RunStatus, $from: Time, $to: Time, $after: String) {\n    runs(workspaceId: $workspaceId, ruleId: $ruleId, status: $status, from: $from, to: $to, first: 25, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...RunRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.RunsDocument,
    "\n  subscription RunUpdated($workspaceId: ID!) {\n    runUpdated(workspaceId: $workspaceId) {\n      ...RunRow\n    }\n  }\n": typeof types.RunUpdatedDocument,
    "\n  query RunRuleNames($workspaceId: ID!) {\n    rules(workspaceId: $workspaceId) {\n      id\n      name\n    }\n  }\n": typeof types.RunRuleNamesDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        user {\n          id\n        }\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      viewer {\n        memberships {\n          id\n          agency {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  fragment SyncDetail on Sync {\n    id\n    name\n    intervalMinutes\n    cron\n    onEvents\n    enabled\n    checkpoint\n    nextRunAt\n    linkedRecords\n    mapping {\n      id\n      name\n      version\n      sourceEntity\n      targetEntity\n      sourceConnection {\n        id\n        name\n      }\n      targetConnection {\n        id\n        name\n      }\n    }\n    activeRun {\n      ...SyncRunFields\n    }\n    runs(first: 20) {\n      ...SyncRunFields\n    }\n  }\n": typeof types.SyncDetailFragmentDoc,
    "\n  query SyncPage($id: ID!) {\n    sync(id: $id) {\n      ...SyncDetail\n    }\n  }\n": typeof types.SyncPageDocument,
    "\n  mutation StartSyncRun($id: ID!, $full: Boolean) {\n    startSync(id: $id, full: $full) {\n      ...SyncRunFields\n    }\n  }\n": typeof types.StartSyncRunDocument,
    "\n  mutation CancelSyncRun($id: ID!) {\n    cancelSyncRun(id: $id) {\n      ...SyncRunFields\n    }\n  }\n": typeof types.CancelSyncRunDocument,
    "\n  fragment SyncRow on Sync {\n    id\n    name\n    intervalMinutes\n    cron\n    onEvents\n    enabled\n    mapping {\n      id\n      name\n      sourceConnection {\n        id\n        name\n      }\n      targetConnection {\n        id\n        name\n      }\n    }\n    activeRun {\n      ...SyncRunFields\n    }\n    runs(first: 1) {\n      ...SyncRunFields\n    }\n  }\n": typeof types.SyncRowFragmentDoc,
    "\n  fragment MappingRow on Mapping {\n    id\n    name\n    version\n    sourceEntity\n    targetEntity\n    sourceConnection {\n      id\n      name\n    }\n    targetConnection {\n      id\n      name\n    }\n    syncs {\n      id\n      name\n    }\n  }\n": typeof types.MappingRowFragmentDoc,
    "\n  query Syncs($workspaceId: ID!) {\n    syncs(workspaceId: $workspaceId) {\n      ...SyncRow\n    }\n  }\n": typeof types.SyncsDocument,
    "\n  query Mappings($workspaceId: ID!) {\n    mappings(workspaceId: $workspaceId) {\n      ...MappingRow\n    }\n  }\n": typeof types.MappingsDocument,
    "\n  mutation StartSync($id: ID!, $full: Boolean) {\n    startSync(id: $id, full: $full) {\n      ...SyncRunFields\n    }\n  }\n": typeof types.StartSyncDocument,
    "\n  mutation DeleteMapping($id: ID!) {\n    deleteMapping(id: $id)\n  }\n": typeof types.DeleteMappingDocument,
    "\n  query ApiTokens($agencyId: ID!, $after: String, $includeRevoked: Boolean) {\n    apiTokens(agencyId: $agencyId, first: 20, after: $after, includeRevoked: $includeRevoked) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          prefix\n          access\n          workspace {\n            id\n            name\n          }\n          createdBy {\n            id\n            name\n          }\n          createdAt\n          lastUsedAt\n          revokedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ApiTokensDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiTokenDocument,
    "\n  fragment ConnectionRow on Connection {\n    id\n    name\n    status\n    sandbox\n    lastError\n    lastCheckedAt\n    createdAt\n    webhookUrl\n    values {\n      name\n      value\n    }\n    connector {\n      slug\n      name\n      category\n      auth {\n        kind\n      }\n    }\n  }\n": typeof types.ConnectionRowFragmentDoc,
    "\n  query Connections($workspaceId: ID!) {\n    connections(workspaceId: $workspaceId) {\n      ...ConnectionRow\n    }\n  }\n": typeof types.ConnectionsDocument,
    "\n  subscription ConnectionStatusChanged($workspaceId: ID!) {\n    connectionStatusChanged(workspaceId: $workspaceId) {\n      ...ConnectionRow\n    }\n  }\n": typeof types.ConnectionStatusChangedDocument,
    "\n  mutation TestConnection($id: ID!) {\n    testConnection(id: $id) {\n      ...ConnectionRow\n    }\n  }\n": typeof types.TestConnectionDocument,
    "\n  mutation Disconnect($id: ID!) {\n    disconnect(id: $id) {\n      ...ConnectionRow\n    }\n  }\n": typeof types.DisconnectDocument,
    "\n  fragment WorkspaceRow on Workspace {\n    id\n    name\n    createdAt\n    archivedAt\n  }\n": typeof types.WorkspaceRowFragmentDoc,
    "\n  query Workspaces($agencyId: ID!, $after: String, $search: String, $includeArchived: Boolean) {\n    workspaces(agencyId: $agencyId, first: 20, after: $after, search: $search, includeArchived: $includeArchived) {\n      totalCount\n      edges {\n        node {\n          ...WorkspaceRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.WorkspacesDocument,
    "\n  mutation CreateWorkspace($input: CreateWorkspaceInput!) {\n    createWorkspace(input: $input) {\n      ...WorkspaceRow\n    }\n  }\n": typeof types.CreateWorkspaceDocument,
    "\n  mutation RenameWorkspace($input: RenameWorkspaceInput!) {\n    renameWorkspace(input: $input) {\n      ...WorkspaceRow\n    }\n  }\n": typeof types.RenameWorkspaceDocument,
    "\n  mutation ArchiveWorkspace($id: ID!) {\n    archiveWorkspace(id: $id) {\n      ...WorkspaceRow\n    }\n  }\n": typeof types.ArchiveWorkspaceDocument,
    "\n  mutation RestoreWorkspace($id: ID!) {\n    restoreWorkspace(id: $id) {\n      ...WorkspaceRow\n    }\n  }\n": typeof types.RestoreWorkspaceDocument,
};
const documents: Documents = {
    "\n  query ShellViewer {\n    viewer {\n      user {\n        id\n        name\n        email\n      }\n      memberships {\n        id\n        role\n        agency {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.ShellViewerDocument,
    "\n  mutation ChangeMemberRole($input: ChangeMemberRoleInput!) {\n    changeMemberRole(input: $input) {\n      id\n      role\n      allWorkspaces\n      workspaces {\n        id\n        name\n      }\n    }\n  }\n": types.ChangeMemberRoleDocument,
    "\n  mutation CreateConnection($input: CreateConnectionInput!) {\n    createConnection(input: $input) {\n      id\n      name\n      status\n      lastCheckedAt\n    }\n  }\n": types.CreateConnectionDocument,
    "\n  mutation StartConnection($input: StartConnectionInput!) {\n    startConnection(input: $input) {\n      authorizeUrl\n    }\n  }\n": types.StartConnectionDocument,
    "\n  query ConnectViewer {\n    viewer {\n      user {\n        id\n        email\n      }\n    }\n  }\n": types.ConnectViewerDocument,
    "\n  mutation CreateSync($workspaceId: ID!, $input: SyncInput!) {\n    createSync(workspaceId: $workspaceId, input: $input) {\n      id\n      name\n    }\n  }\n": types.CreateSyncDocument,
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      secret\n      token {\n        id\n        name\n      }\n    }\n  }\n": types.CreateApiTokenDocument,
    "\n  mutation InstallSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      viewer {\n        memberships {\n          id\n          agency {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.InstallSignUpDocument,
    "\n  mutation InstallAcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      viewer {\n        user {\n          id\n        }\n      }\n    }\n  }\n": types.InstallAcceptInvitationDocument,
    "\n  mutation InstallSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        user {\n          id\n        }\n      }\n    }\n  }\n": types.InstallSignInDocument,
    "\n  query InventoryAdjustments($workspaceId: ID!, $sku: String, $first: Int) {\n    inventoryAdjustments(workspaceId: $workspaceId, sku: $sku, first: $first) {\n      totalCount\n      items {\n        ...InventoryAdjustmentRow\n      }\n    }\n  }\n": types.InventoryAdjustmentsDocument,
    "\n  query InventoryChannels($workspaceId: ID!) {\n    connections(workspaceId: $workspaceId) {\n      id\n      name\n      status\n      connector {\n        slug\n        name\n      }\n    }\n  }\n": types.InventoryChannelsDocument,
    "\n  mutation SetInventoryPolicy($workspaceId: ID!, $input: InventoryPolicyInput!) {\n    setInventoryPolicy(workspaceId: $workspaceId, input: $input) {\n      ...InventoryPolicyFields\n    }\n  }\n": types.SetInventoryPolicyDocument,
    "\n  mutation ReconcileInventory($workspaceId: ID!) {\n    reconcileInventory(workspaceId: $workspaceId) {\n      ...InventoryReconciliationFields\n    }\n  }\n": types.ReconcileInventoryDocument,
    "\n  mutation SetInventoryAvailable($workspaceId: ID!, $sku: String!, $available: Int!) {\n    setInventoryAvailable(workspaceId: $workspaceId, sku: $sku, available: $available) {\n      ...InventoryItemRow\n    }\n  }\n": types.SetInventoryAvailableDocument,
    "\n  query InventoryItems($workspaceId: ID!, $search: String, $driftOnly: Boolean, $first: Int, $offset: Int) {\n    inventoryItems(workspaceId: $workspaceId, search: $search, driftOnly: $driftOnly, first: $first, offset: $offset) {\n      totalCount\n      items {\n        ...InventoryItemRow\n      }\n    }\n  }\n": types.InventoryItemsDocument,
    "\n  mutation InviteMember($input: InviteMemberInput!) {\n    inviteMember(input: $input) {\n      inviteUrl\n      invitation {\n        id\n        email\n      }\n    }\n  }\n": types.InviteMemberDocument,
    "\n  fragment MappingEditorFields on Mapping {\n    id\n    name\n    version\n    sourceEntity\n    targetEntity\n    definition\n    sourceConnection {\n      id\n      name\n    }\n    targetConnection {\n      id\n      name\n    }\n  }\n": types.MappingEditorFieldsFragmentDoc,
    "\n  mutation CreateMapping($workspaceId: ID!, $input: MappingInput!) {\n    createMapping(workspaceId: $workspaceId, input: $input) {\n      ...MappingEditorFields\n    }\n  }\n": types.CreateMappingDocument,
    "\n  mutation UpdateMapping($id: ID!, $input: MappingInput!) {\n    updateMapping(id: $id, input: $input) {\n      ...MappingEditorFields\n    }\n  }\n": types.UpdateMappingDocument,
    "\n  fragment MappingPreviewRowFields on MappingPreviewRow {\n    sourceId\n    source\n    target\n    errors\n  }\n": types.MappingPreviewRowFieldsFragmentDoc,
    "\n  query PreviewMapping($workspaceId: ID!, $input: MappingInput!, $limit: Int) {\n    previewMapping(workspaceId: $workspaceId, input: $input, limit: $limit) {\n      ...MappingPreviewRowFields\n    }\n  }\n": types.PreviewMappingDocument,
    "\n  query Recipes($workspaceId: ID!) {\n    recipes {\n      slug\n      name\n      summary\n      marketing\n      needs {\n        slug\n        name\n        category\n      }\n    }\n    connections(workspaceId: $workspaceId) {\n      id\n      status\n      connector {\n        slug\n      }\n    }\n  }\n": types.RecipesDocument,
    "\n  mutation AddRecipe($workspaceId: ID!, $recipe: String!) {\n    addRecipe(workspaceId: $workspaceId, recipe: $recipe) {\n      id\n      name\n      version\n    }\n  }\n": types.AddRecipeDocument,
    "\n  fragment BacktestResultFields on BacktestResult {\n    events\n    wouldStart\n    wouldFinish\n    wouldExit\n    stepsReached {\n      path\n      count\n    }\n    truncated\n  }\n": types.BacktestResultFieldsFragmentDoc,
    "\n  mutation BacktestRule($id: ID!, $from: Time!, $to: Time!) {\n    backtestRule(id: $id, from: $from, to: $to) {\n      ...BacktestResultFields\n    }\n  }\n": types.BacktestRuleDocument,
    "\n  fragment RuleEditorFields on Rule {\n    id\n    name\n    enabled\n    recipe\n    version\n    condition\n    exitCondition\n    marketing\n    steps\n    updatedAt\n    trigger {\n      event\n      delayMinutes\n      connection {\n        id\n        name\n      }\n    }\n  }\n": types.RuleEditorFieldsFragmentDoc,
    "\n  fragment RuleTestResultFields on RuleTestResult {\n    eventSource\n    eventType\n    conditionHeld\n    exited\n    steps {\n      path\n      kind\n      title\n      outcome\n      rendered {\n        name\n        value\n      }\n    }\n  }\n": types.RuleTestResultFieldsFragmentDoc,
    "\n  mutation CreateRule($workspaceId: ID!, $input: RuleInput!) {\n    createRule(workspaceId: $workspaceId, input: $input) {\n      ...RuleEditorFields\n    }\n  }\n": types.CreateRuleDocument,
    "\n  mutation UpdateRule($id: ID!, $input: RuleInput!) {\n    updateRule(id: $id, input: $input) {\n      ...RuleEditorFields\n    }\n  }\n": types.UpdateRuleDocument,
    "\n  mutation TestRule($workspaceId: ID!, $input: RuleInput!) {\n    testRule(workspaceId: $workspaceId, input: $input) {\n      ...RuleTestResultFields\n    }\n  }\n": types.TestRuleDocument,
    "\n  mutation SetRuleEnabled($id: ID!, $enabled: Boolean!) {\n    setRuleEnabled(id: $id, enabled: $enabled) {\n      id\n      enabled\n      updatedAt\n    }\n  }\n": types.SetRuleEnabledDocument,
    "\n  mutation SetWorkspaceTimeZone($input: SetWorkspaceTimeZoneInput!) {\n    setWorkspaceTimeZone(input: $input) {\n      id\n      timeZone\n    }\n  }\n": types.SetWorkspaceTimeZoneDocument,
    "\n  query SyncRunErrors($id: ID!) {\n    syncRun(id: $id) {\n      id\n      error\n      recordErrors(first: 100) {\n        id\n        sourceId\n        reason\n        record\n        createdAt\n      }\n    }\n  }\n": types.SyncRunErrorsDocument,
    "\n  mutation UpdateSync($id: ID!, $input: SyncInput!) {\n    updateSync(id: $id, input: $input) {\n      ...SyncDetail\n    }\n  }\n": types.UpdateSyncDocument,
    "\n  mutation DeleteSync($id: ID!) {\n    deleteSync(id: $id)\n  }\n": types.DeleteSyncDocument,
    "\n  query PreviewTemplate($workspaceId: ID!, $eventType: String!, $template: String!, $html: Boolean) {\n    previewTemplate(workspaceId: $workspaceId, eventType: $eventType, template: $template, html: $html) {\n      rendered\n      error\n      line\n      length\n      segments\n    }\n  }\n": types.PreviewTemplateDocument,
    "\n  query WorkspaceOptions($agencyId: ID!) {\n    workspaces(agencyId: $agencyId, first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.WorkspaceOptionsDocument,
    "\n  query WorkspaceHeader($id: ID!) {\n    workspace(id: $id) {\n      id\n      name\n      archivedAt\n      timeZone\n    }\n  }\n": types.WorkspaceHeaderDocument,
    "\n  mutation CompleteAppInstall($input: CompleteAppInstallInput!) {\n    completeAppInstall(input: $input) {\n      workspace {\n        id\n        agency {\n          id\n        }\n      }\n      connection {\n        id\n      }\n    }\n  }\n": types.CompleteAppInstallDocument,
    "\n  subscription InventoryUpdated($workspaceId: ID!) {\n    inventoryUpdated(workspaceId: $workspaceId) {\n      item {\n        id\n        sku\n      }\n      adjustment {\n        id\n      }\n      reconciliation {\n        id\n        status\n      }\n    }\n  }\n": types.InventoryUpdatedDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  fragment SyncRunFields on SyncRun {\n    id\n    mappingVersion\n    mode\n    reason\n    status\n    pages\n    recordsRead\n    recordsWritten\n    recordsFailed\n    recordsTotal\n    recordsPerSecond\n    etaSeconds\n    error\n    startedAt\n    updatedAt\n    finishedAt\n    sync {\n      id\n    }\n  }\n": types.SyncRunFieldsFragmentDoc,
    "\n  subscription SyncRunUpdated($workspaceId: ID!, $runId: ID) {\n    syncRunUpdated(workspaceId: $workspaceId, runId: $runId) {\n      ...SyncRunFields\n    }\n  }\n": types.SyncRunUpdatedDocument,
    "\n  fragment AuditRow on AuditEntry {\n    id\n    action\n    summary\n    createdAt\n    actor {\n      kind\n      tokenName\n      user {\n        id\n        name\n      }\n    }\n    workspace {\n      id\n      name\n    }\n  }\n": types.AuditRowFragmentDoc,
    "\n  query AuditLog($agencyId: ID!, $workspaceId: ID, $after: String) {\n    auditLog(agencyId: $agencyId, workspaceId: $workspaceId, first: 50, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...AuditRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  subscription AuditLogAdded($agencyId: ID!, $workspaceId: ID) {\n    auditLogAdded(agencyId: $agencyId, workspaceId: $workspaceId) {\n      ...AuditRow\n    }\n  }\n": types.AuditLogAddedDocument,
    "\n  fragment ConnectorFieldSpec on ConnectorField {\n    name\n    label\n    type\n    required\n    help\n    pattern\n    patternHelp\n    options\n    default\n    min\n    max\n    maxLength\n  }\n": types.ConnectorFieldSpecFragmentDoc,
    "\n  query Connector($slug: String!) {\n    connector(slug: $slug) {\n      slug\n      name\n      category\n      summary\n      docsUrl\n      apiVersion\n      sandboxUrl\n      auth {\n        kind\n        scopes\n      }\n      fields {\n        ...ConnectorFieldSpec\n      }\n      events {\n        type\n        summary\n      }\n      actions {\n        name\n        summary\n        marketing\n        input {\n          name\n          type\n          required\n        }\n      }\n      entities {\n        name\n        read\n        write\n      }\n      rateBudget {\n        requests\n        perSeconds\n        costPoints\n        restorePerSecond\n        note\n      }\n    }\n  }\n": types.ConnectorDocument,
    "\n  query HomeViewer {\n    viewer {\n      memberships {\n        id\n        agency {\n          id\n        }\n      }\n    }\n  }\n": types.HomeViewerDocument,
    "\n  query AppInstall($token: String!) {\n    appInstall(token: $token) {\n      shop\n      accountName\n      expiresAt\n      connector {\n        slug\n        name\n        category\n        sandboxUrl\n      }\n      workspaces {\n        id\n        name\n        agency {\n          id\n          name\n        }\n      }\n      connectedWorkspaceIds\n      agencies {\n        id\n        name\n      }\n    }\n  }\n": types.AppInstallDocument,
    "\n  query InstallViewer {\n    viewer {\n      user {\n        id\n        email\n      }\n    }\n  }\n": types.InstallViewerDocument,
    "\n  fragment InventoryReconciliationFields on InventoryReconciliation {\n    id\n    reason\n    status\n    skus\n    repaired\n    error\n    startedAt\n    finishedAt\n  }\n": types.InventoryReconciliationFieldsFragmentDoc,
    "\n  fragment InventoryPolicyFields on InventoryPolicy {\n    enabled\n    reconcileCron\n    nextReconcileAt\n    sourceOfTruth {\n      id\n      name\n    }\n    channels {\n      id\n      name\n      connector {\n        slug\n        name\n      }\n    }\n    lastReconciliation {\n      ...InventoryReconciliationFields\n    }\n  }\n": types.InventoryPolicyFieldsFragmentDoc,
    "\n  fragment InventoryItemRow on InventoryItem {\n    id\n    sku\n    title\n    available\n    drift\n    updatedAt\n    levels {\n      channel {\n        id\n        name\n      }\n      available\n      inSync\n      error\n      updatedAt\n    }\n  }\n": types.InventoryItemRowFragmentDoc,
    "\n  fragment InventoryAdjustmentRow on InventoryAdjustment {\n    id\n    sku\n    channel {\n      id\n      name\n    }\n    cause\n    reference\n    before\n    after\n    delta\n    oversold\n    createdAt\n  }\n": types.InventoryAdjustmentRowFragmentDoc,
    "\n  query InventoryPolicy($workspaceId: ID!) {\n    inventoryPolicy(workspaceId: $workspaceId) {\n      ...InventoryPolicyFields\n    }\n  }\n": types.InventoryPolicyDocument,
    "\n  query InvitationPreview($token: String!) {\n    invitationPreview(token: $token) {\n      agencyId\n      agencyName\n      email\n      role\n      invitedByName\n      expiresAt\n      accountExists\n    }\n  }\n": types.InvitationPreviewDocument,
    "\n  query InviteViewer {\n    viewer {\n      user {\n        id\n        email\n      }\n    }\n  }\n": types.InviteViewerDocument,
    "\n  mutation AcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      viewer {\n        memberships {\n          id\n          agency {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.AcceptInvitationDocument,
    "\n  fragment MappingEntityField on ConnectorField {\n    name\n    label\n    type\n    required\n  }\n": types.MappingEntityFieldFragmentDoc,
    "\n  fragment MappingConnection on Connection {\n    id\n    name\n    status\n    connector {\n      slug\n      name\n      entities {\n        name\n        read\n        write\n        fields {\n          ...MappingEntityField\n        }\n      }\n    }\n  }\n": types.MappingConnectionFragmentDoc,
    "\n  query MappingEditorData($workspaceId: ID!) {\n    connections(workspaceId: $workspaceId) {\n      ...MappingConnection\n    }\n  }\n": types.MappingEditorDataDocument,
    "\n  query MappingEditorMappings($workspaceId: ID!) {\n    mappings(workspaceId: $workspaceId) {\n      ...MappingEditorFields\n    }\n  }\n": types.MappingEditorMappingsDocument,
    "\n  query MarketplaceCategories {\n    connectors {\n      slug\n      category\n    }\n  }\n": types.MarketplaceCategoriesDocument,
    "\n  query Marketplace($category: ConnectorCategory, $search: String) {\n    connectors(category: $category, search: $search) {\n      slug\n      name\n      category\n      summary\n      sandboxUrl\n      auth {\n        kind\n      }\n    }\n  }\n": types.MarketplaceDocument,
    "\n  query Members($agencyId: ID!, $after: String) {\n    members(agencyId: $agencyId, first: 20, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          role\n          allWorkspaces\n          workspaces {\n            id\n            name\n          }\n          user {\n            id\n            name\n            email\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MembersDocument,
    "\n  query PendingInvitations($agencyId: ID!, $after: String) {\n    invitations(agencyId: $agencyId, first: 20, after: $after, status: PENDING) {\n      totalCount\n      edges {\n        node {\n          id\n          email\n          role\n          allWorkspaces\n          workspaces {\n            id\n            name\n          }\n          expiresAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.PendingInvitationsDocument,
    "\n  mutation RemoveMember($membershipId: ID!) {\n    removeMember(membershipId: $membershipId)\n  }\n": types.RemoveMemberDocument,
    "\n  mutation RevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n      status\n    }\n  }\n": types.RevokeInvitationDocument,
    "\n  query RuleEditorData($workspaceId: ID!) {\n    triggerEvents {\n      type\n      derived\n      connectors {\n        slug\n        name\n      }\n    }\n    connectors {\n      slug\n      name\n      category\n      actions {\n        name\n        summary\n        marketing\n        input {\n          ...ConnectorFieldSpec\n        }\n      }\n    }\n    connections(workspaceId: $workspaceId) {\n      id\n      name\n      status\n      connector {\n        slug\n        name\n      }\n    }\n  }\n": types.RuleEditorDataDocument,
    "\n  query RuleEditorRule($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Rule {\n        ...RuleEditorFields\n      }\n    }\n  }\n": types.RuleEditorRuleDocument,
    "\n  fragment RuleRow on Rule {\n    id\n    name\n    enabled\n    recipe\n    version\n    marketing\n    updatedAt\n    trigger {\n      event\n      delayMinutes\n      connection {\n        id\n        name\n      }\n    }\n  }\n": types.RuleRowFragmentDoc,
    "\n  query Rules($workspaceId: ID!) {\n    rules(workspaceId: $workspaceId) {\n      ...RuleRow\n    }\n  }\n": types.RulesDocument,
    "\n  subscription RuleUpdated($workspaceId: ID!) {\n    ruleUpdated(workspaceId: $workspaceId) {\n      ...RuleRow\n    }\n  }\n": types.RuleUpdatedDocument,
    "\n  mutation DeleteRule($id: ID!) {\n    deleteRule(id: $id)\n  }\n": types.DeleteRuleDocument,
    "\n  fragment RunStepFields on RunStep {\n    path\n    kind\n    title\n    status\n    attempts\n    summary\n    error\n    providerResponse\n    startedAt\n    finishedAt\n  }\n": types.RunStepFieldsFragmentDoc,
    "\n  fragment RunDetail on Run {\n    ...RunRow\n    rule {\n      id\n      name\n      version\n    }\n    customer {\n      id\n      email\n      firstName\n      lastName\n    }\n    steps {\n      ...RunStepFields\n    }\n  }\n": types.RunDetailFragmentDoc,
    "\n  query RunPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Run {\n        ...RunDetail\n      }\n    }\n  }\n": types.RunPageDocument,
    "\n  subscription RunChanged($id: ID!) {\n    run(id: $id) {\n      ...RunDetail\n    }\n  }\n": types.RunChangedDocument,
    "\n  mutation RetryRun($id: ID!) {\n    retryRun(id: $id) {\n      ...RunDetail\n    }\n  }\n": types.RetryRunDocument,
    "\n  mutation CancelRun($id: ID!) {\n    cancelRun(id: $id) {\n      ...RunDetail\n    }\n  }\n": types.CancelRunDocument,
    "\n  fragment RunRow on Run {\n    id\n    status\n    version\n    startedAt\n    updatedAt\n    finishedAt\n    waitingUntil\n    error\n    rule {\n      id\n      name\n    }\n    event {\n      id\n      type\n      occurredAt\n    }\n    customer {\n      id\n      email\n    }\n  }\n": types.RunRowFragmentDoc,
    "\n  query Runs($workspaceId: ID!, $ruleId: ID, $status: RunStatus, $from: Time, $to: Time, $after: String) {\n    runs(workspaceId: $workspaceId, ruleId: $ruleId, status: $status, from: $from, to: $to, first: 25, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...RunRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.RunsDocument,
    "\n  subscription RunUpdated($workspaceId: ID!) {\n    runUpdated(workspaceId: $workspaceId) {\n      ...RunRow\n    }\n  }\n": types.RunUpdatedDocument,
    "\n  query RunRuleNames($workspaceId: ID!) {\n    rules(workspaceId: $workspaceId) {\n      id\n      name\n    }\n  }\n": types.RunRuleNamesDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        user {\n          id\n        }\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      viewer {\n        memberships {\n          id\n          agency {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.SignUpDocument,
    "\n  fragment SyncDetail on Sync {\n    id\n    name\n    intervalMinutes\n    cron\n    onEvents\n    enabled\n    checkpoint\n    nextRunAt\n    linkedRecords\n    mapping {\n      id\n      name\n      version\n      sourceEntity\n      targetEntity\n      sourceConnection {\n        id\n        name\n      }\n      targetConnection {\n        id\n        name\n      }\n    }\n    activeRun {\n      ...SyncRunFields\n    }\n    runs(first: 20) {\n      ...SyncRunFields\n    }\n  }\n": types.SyncDetailFragmentDoc,
    "\n  query SyncPage($id: ID!) {\n    sync(id: $id) {\n      ...SyncDetail\n    }\n  }\n": types.SyncPageDocument,
    "\n  mutation StartSyncRun($id: ID!, $full: Boolean) {\n    startSync(id: $id, full: $full) {\n      ...SyncRunFields\n    }\n  }\n": types.StartSyncRunDocument,
    "\n  mutation CancelSyncRun($id: ID!) {\n    cancelSyncRun(id: $id) {\n      ...SyncRunFields\n    }\n  }\n": types.CancelSyncRunDocument,
    "\n  fragment SyncRow on Sync {\n    id\n    name\n    intervalMinutes\n    cron\n    onEvents\n    enabled\n    mapping {\n      id\n      name\n      sourceConnection {\n        id\n        name\n      }\n      targetConnection {\n        id\n        name\n      }\n    }\n    activeRun {\n      ...SyncRunFields\n    }\n    runs(first: 1) {\n      ...SyncRunFields\n    }\n  }\n": types.SyncRowFragmentDoc,
    "\n  fragment MappingRow on Mapping {\n    id\n    name\n    version\n    sourceEntity\n    targetEntity\n    sourceConnection {\n      id\n      name\n    }\n    targetConnection {\n      id\n      name\n    }\n    syncs {\n      id\n      name\n    }\n  }\n": types.MappingRowFragmentDoc,
    "\n  query Syncs($workspaceId: ID!) {\n    syncs(workspaceId: $workspaceId) {\n      ...SyncRow\n    }\n  }\n": types.SyncsDocument,
    "\n  query Mappings($workspaceId: ID!) {\n    mappings(workspaceId: $workspaceId) {\n      ...MappingRow\n    }\n  }\n": types.MappingsDocument,
    "\n  mutation StartSync($id: ID!, $full: Boolean) {\n    startSync(id: $id, full: $full) {\n      ...SyncRunFields\n    }\n  }\n": types.StartSyncDocument,
    "\n  mutation DeleteMapping($id: ID!) {\n    deleteMapping(id: $id)\n  }\n": types.DeleteMappingDocument,
    "\n  query ApiTokens($agencyId: ID!, $after: String, $includeRevoked: Boolean) {\n    apiTokens(agencyId: $agencyId, first: 20, after: $after, includeRevoked: $includeRevoked) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          prefix\n          access\n          workspace {\n            id\n            name\n          }\n          createdBy {\n            id\n            name\n          }\n          createdAt\n          lastUsedAt\n          revokedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ApiTokensDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeApiTokenDocument,
    "\n  fragment ConnectionRow on Connection {\n    id\n    name\n    status\n    sandbox\n    lastError\n    lastCheckedAt\n    createdAt\n    webhookUrl\n    values {\n      name\n      value\n    }\n    connector {\n      slug\n      name\n      category\n      auth {\n        kind\n      }\n    }\n  }\n": types.ConnectionRowFragmentDoc,
    "\n  query Connections($workspaceId: ID!) {\n    connections(workspaceId: $workspaceId) {\n      ...ConnectionRow\n    }\n  }\n": types.ConnectionsDocument,
    "\n  subscription ConnectionStatusChanged($workspaceId: ID!) {\n    connectionStatusChanged(workspaceId: $workspaceId) {\n      ...ConnectionRow\n    }\n  }\n": types.ConnectionStatusChangedDocument,
    "\n  mutation TestConnection($id: ID!) {\n    testConnection(id: $id) {\n      ...ConnectionRow\n    }\n  }\n": types.TestConnectionDocument,
    "\n  mutation Disconnect($id: ID!) {\n    disconnect(id: $id) {\n      ...ConnectionRow\n    }\n  }\n": types.DisconnectDocument,
    "\n  fragment WorkspaceRow on Workspace {\n    id\n    name\n    createdAt\n    archivedAt\n  }\n": types.WorkspaceRowFragmentDoc,
    "\n  query Workspaces($agencyId: ID!, $after: String, $search: String, $includeArchived: Boolean) {\n    workspaces(agencyId: $agencyId, first: 20, after: $after, search: $search, includeArchived: $includeArchived) {\n      totalCount\n      edges {\n        node {\n          ...WorkspaceRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.WorkspacesDocument,
    "\n  mutation CreateWorkspace($input: CreateWorkspaceInput!) {\n    createWorkspace(input: $input) {\n      ...WorkspaceRow\n    }\n  }\n": types.CreateWorkspaceDocument,
    "\n  mutation RenameWorkspace($input: RenameWorkspaceInput!) {\n    renameWorkspace(input: $input) {\n      ...WorkspaceRow\n    }\n  }\n": types.RenameWorkspaceDocument,
    "\n  mutation ArchiveWorkspace($id: ID!) {\n    archiveWorkspace(id: $id) {\n      ...WorkspaceRow\n    }\n  }\n": types.ArchiveWorkspaceDocument,
    "\n  mutation RestoreWorkspace($id: ID!) {\n    restoreWorkspace(id: $id) {\n      ...WorkspaceRow\n    }\n  }\n": types.RestoreWorkspaceDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShellViewer {\n    viewer {\n      user {\n        id\n        name\n        email\n      }\n      memberships {\n        id\n        role\n        agency {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ShellViewer {\n    viewer {\n      user {\n        id\n        name\n        email\n      }\n      memberships {\n        id\n        role\n        agency {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeMemberRole($input: ChangeMemberRoleInput!) {\n    changeMemberRole(input: $input) {\n      id\n      role\n      allWorkspaces\n      workspaces {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ChangeMemberRole($input: ChangeMemberRoleInput!) {\n    changeMemberRole(input: $input) {\n      id\n      role\n      allWorkspaces\n      workspaces {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateConnection($input: CreateConnectionInput!) {\n    createConnection(input: $input) {\n      id\n      name\n      status\n      lastCheckedAt\n    }\n  }\n"): (typeof documents)["\n  mutation CreateConnection($input: CreateConnectionInput!) {\n    createConnection(input: $input) {\n      id\n      name\n      status\n      lastCheckedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartConnection($input: StartConnectionInput!) {\n    startConnection(input: $input) {\n      authorizeUrl\n    }\n  }\n"): (typeof documents)["\n  mutation StartConnection($input: StartConnectionInput!) {\n    startConnection(input: $input) {\n      authorizeUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConnectViewer {\n    viewer {\n      user {\n        id\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConnectViewer {\n    viewer {\n      user {\n        id\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSync($workspaceId: ID!, $input: SyncInput!) {\n    createSync(workspaceId: $workspaceId, input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSync($workspaceId: ID!, $input: SyncInput!) {\n    createSync(workspaceId: $workspaceId, input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      secret\n      token {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      secret\n      token {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InstallSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      viewer {\n        memberships {\n          id\n          agency {\n            id\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation InstallSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      viewer {\n        memberships {\n          id\n          agency {\n            id\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InstallAcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      viewer {\n        user {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation InstallAcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      viewer {\n        user {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InstallSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        user {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation InstallSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        user {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InventoryAdjustments($workspaceId: ID!, $sku: String, $first: Int) {\n    inventoryAdjustments(workspaceId: $workspaceId, sku: $sku, first: $first) {\n      totalCount\n      items {\n        ...InventoryAdjustmentRow\n      }\n    }\n  }\n"): (typeof documents)["\n  query InventoryAdjustments($workspaceId: ID!, $sku: String, $first: Int) {\n    inventoryAdjustments(workspaceId: $workspaceId, sku: $sku, first: $first) {\n      totalCount\n      items {\n        ...InventoryAdjustmentRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InventoryChannels($workspaceId: ID!) {\n    connections(workspaceId: $workspaceId) {\n      id\n      name\n      status\n      connector {\n        slug\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query InventoryChannels($workspaceId: ID!) {\n    connections(workspaceId: $workspaceId) {\n      id\n      name\n      status\n      connector {\n        slug\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetInventoryPolicy($workspaceId: ID!, $input: InventoryPolicyInput!) {\n    setInventoryPolicy(workspaceId: $workspaceId, input: $input) {\n      ...InventoryPolicyFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetInventoryPolicy($workspaceId: ID!, $input: InventoryPolicyInput!) {\n    setInventoryPolicy(workspaceId: $workspaceId, input: $input) {\n      ...InventoryPolicyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReconcileInventory($workspaceId: ID!) {\n    reconcileInventory(workspaceId: $workspaceId) {\n      ...InventoryReconciliationFields\n    }\n  }\n"): (typeof documents)["\n  mutation ReconcileInventory($workspaceId: ID!) {\n    reconcileInventory(workspaceId: $workspaceId) {\n      ...InventoryReconciliationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetInventoryAvailable($workspaceId: ID!, $sku: String!, $available: Int!) {\n    setInventoryAvailable(workspaceId: $workspaceId, sku: $sku, available: $available) {\n      ...InventoryItemRow\n    }\n  }\n"): (typeof documents)["\n  mutation SetInventoryAvailable($workspaceId: ID!, $sku: String!, $available: Int!) {\n    setInventoryAvailable(workspaceId: $workspaceId, sku: $sku, available: $available) {\n      ...InventoryItemRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InventoryItems($workspaceId: ID!, $search: String, $driftOnly: Boolean, $first: Int, $offset: Int) {\n    inventoryItems(workspaceId: $workspaceId, search: $search, driftOnly: $driftOnly, first: $first, offset: $offset) {\n      totalCount\n      items {\n        ...InventoryItemRow\n      }\n    }\n  }\n"): (typeof documents)["\n  query InventoryItems($workspaceId: ID!, $search: String, $driftOnly: Boolean, $first: Int, $offset: Int) {\n    inventoryItems(workspaceId: $workspaceId, search: $search, driftOnly: $driftOnly, first: $first, offset: $offset) {\n      totalCount\n      items {\n        ...InventoryItemRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteMember($input: InviteMemberInput!) {\n    inviteMember(input: $input) {\n      inviteUrl\n      invitation {\n        id\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation InviteMember($input: InviteMemberInput!) {\n    inviteMember(input: $input) {\n      inviteUrl\n      invitation {\n        id\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MappingEditorFields on Mapping {\n    id\n    name\n    version\n    sourceEntity\n    targetEntity\n    definition\n    sourceConnection {\n      id\n      name\n    }\n    targetConnection {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment MappingEditorFields on Mapping {\n    id\n    name\n    version\n    sourceEntity\n    targetEntity\n    definition\n    sourceConnection {\n      id\n      name\n    }\n    targetConnection {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateMapping($workspaceId: ID!, $input: MappingInput!) {\n    createMapping(workspaceId: $workspaceId, input: $input) {\n      ...MappingEditorFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateMapping($workspaceId: ID!, $input: MappingInput!) {\n    createMapping(workspaceId: $workspaceId, input: $input) {\n      ...MappingEditorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMapping($id: ID!, $input: MappingInput!) {\n    updateMapping(id: $id, input: $input) {\n      ...MappingEditorFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateMapping($id: ID!, $input: MappingInput!) {\n    updateMapping(id: $id, input: $input) {\n      ...MappingEditorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MappingPreviewRowFields on MappingPreviewRow {\n    sourceId\n    source\n    target\n    errors\n  }\n"): (typeof documents)["\n  fragment MappingPreviewRowFields on MappingPreviewRow {\n    sourceId\n    source\n    target\n    errors\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewMapping($workspaceId: ID!, $input: MappingInput!, $limit: Int) {\n    previewMapping(workspaceId: $workspaceId, input: $input, limit: $limit) {\n      ...MappingPreviewRowFields\n    }\n  }\n"): (typeof documents)["\n  query PreviewMapping($workspaceId: ID!, $input: MappingInput!, $limit: Int) {\n    previewMapping(workspaceId: $workspaceId, input: $input, limit: $limit) {\n      ...MappingPreviewRowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Recipes($workspaceId: ID!) {\n    recipes {\n      slug\n      name\n      summary\n      marketing\n      needs {\n        slug\n        name\n        category\n      }\n    }\n    connections(workspaceId: $workspaceId) {\n      id\n      status\n      connector {\n        slug\n      }\n    }\n  }\n"): (typeof documents)["\n  query Recipes($workspaceId: ID!) {\n    recipes {\n      slug\n      name\n      summary\n      marketing\n      needs {\n        slug\n        name\n        category\n      }\n    }\n    connections(workspaceId: $workspaceId) {\n      id\n      status\n      connector {\n        slug\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddRecipe($workspaceId: ID!, $recipe: String!) {\n    addRecipe(workspaceId: $workspaceId, recipe: $recipe) {\n      id\n      name\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation AddRecipe($workspaceId: ID!, $recipe: String!) {\n    addRecipe(workspaceId: $workspaceId, recipe: $recipe) {\n      id\n      name\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BacktestResultFields on BacktestResult {\n    events\n    wouldStart\n    wouldFinish\n    wouldExit\n    stepsReached {\n      path\n      count\n    }\n    truncated\n  }\n"): (typeof documents)["\n  fragment BacktestResultFields on BacktestResult {\n    events\n    wouldStart\n    wouldFinish\n    wouldExit\n    stepsReached {\n      path\n      count\n    }\n    truncated\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BacktestRule($id: ID!, $from: Time!, $to: Time!) {\n    backtestRule(id: $id, from: $from, to: $to) {\n      ...BacktestResultFields\n    }\n  }\n"): (typeof documents)["\n  mutation BacktestRule($id: ID!, $from: Time!, $to: Time!) {\n    backtestRule(id: $id, from: $from, to: $to) {\n      ...BacktestResultFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RuleEditorFields on Rule {\n    id\n    name\n    enabled\n    recipe\n    version\n    condition\n    exitCondition\n    marketing\n    steps\n    updatedAt\n    trigger {\n      event\n      delayMinutes\n      connection {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment RuleEditorFields on Rule {\n    id\n    name\n    enabled\n    recipe\n    version\n    condition\n    exitCondition\n    marketing\n    steps\n    updatedAt\n    trigger {\n      event\n      delayMinutes\n      connection {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RuleTestResultFields on RuleTestResult {\n    eventSource\n    eventType\n    conditionHeld\n    exited\n    steps {\n      path\n      kind\n      title\n      outcome\n      rendered {\n        name\n        value\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment RuleTestResultFields on RuleTestResult {\n    eventSource\n    eventType\n    conditionHeld\n    exited\n    steps {\n      path\n      kind\n      title\n      outcome\n      rendered {\n        name\n        value\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateRule($workspaceId: ID!, $input: RuleInput!) {\n    createRule(workspaceId: $workspaceId, input: $input) {\n      ...RuleEditorFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateRule($workspaceId: ID!, $input: RuleInput!) {\n    createRule(workspaceId: $workspaceId, input: $input) {\n      ...RuleEditorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRule($id: ID!, $input: RuleInput!) {\n    updateRule(id: $id, input: $input) {\n      ...RuleEditorFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateRule($id: ID!, $input: RuleInput!) {\n    updateRule(id: $id, input: $input) {\n      ...RuleEditorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestRule($workspaceId: ID!, $input: RuleInput!) {\n    testRule(workspaceId: $workspaceId, input: $input) {\n      ...RuleTestResultFields\n    }\n  }\n"): (typeof documents)["\n  mutation TestRule($workspaceId: ID!, $input: RuleInput!) {\n    testRule(workspaceId: $workspaceId, input: $input) {\n      ...RuleTestResultFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetRuleEnabled($id: ID!, $enabled: Boolean!) {\n    setRuleEnabled(id: $id, enabled: $enabled) {\n      id\n      enabled\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation SetRuleEnabled($id: ID!, $enabled: Boolean!) {\n    setRuleEnabled(id: $id, enabled: $enabled) {\n      id\n      enabled\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetWorkspaceTimeZone($input: SetWorkspaceTimeZoneInput!) {\n    setWorkspaceTimeZone(input: $input) {\n      id\n      timeZone\n    }\n  }\n"): (typeof documents)["\n  mutation SetWorkspaceTimeZone($input: SetWorkspaceTimeZoneInput!) {\n    setWorkspaceTimeZone(input: $input) {\n      id\n      timeZone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SyncRunErrors($id: ID!) {\n    syncRun(id: $id) {\n      id\n      error\n      recordErrors(first: 100) {\n        id\n        sourceId\n        reason\n        record\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query SyncRunErrors($id: ID!) {\n    syncRun(id: $id) {\n      id\n      error\n      recordErrors(first: 100) {\n        id\n        sourceId\n        reason\n        record\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSync($id: ID!, $input: SyncInput!) {\n    updateSync(id: $id, input: $input) {\n      ...SyncDetail\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSync($id: ID!, $input: SyncInput!) {\n    updateSync(id: $id, input: $input) {\n      ...SyncDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSync($id: ID!) {\n    deleteSync(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteSync($id: ID!) {\n    deleteSync(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewTemplate($workspaceId: ID!, $eventType: String!, $template: String!, $html: Boolean) {\n    previewTemplate(workspaceId: $workspaceId, eventType: $eventType, template: $template, html: $html) {\n      rendered\n      error\n      line\n      length\n      segments\n    }\n  }\n"): (typeof documents)["\n  query PreviewTemplate($workspaceId: ID!, $eventType: String!, $template: String!, $html: Boolean) {\n    previewTemplate(workspaceId: $workspaceId, eventType: $eventType, template: $template, html: $html) {\n      rendered\n      error\n      line\n      length\n      segments\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkspaceOptions($agencyId: ID!) {\n    workspaces(agencyId: $agencyId, first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WorkspaceOptions($agencyId: ID!) {\n    workspaces(agencyId: $agencyId, first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkspaceHeader($id: ID!) {\n    workspace(id: $id) {\n      id\n      name\n      archivedAt\n      timeZone\n    }\n  }\n"): (typeof documents)["\n  query WorkspaceHeader($id: ID!) {\n    workspace(id: $id) {\n      id\n      name\n      archivedAt\n      timeZone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteAppInstall($input: CompleteAppInstallInput!) {\n    completeAppInstall(input: $input) {\n      workspace {\n        id\n        agency {\n          id\n        }\n      }\n      connection {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteAppInstall($input: CompleteAppInstallInput!) {\n    completeAppInstall(input: $input) {\n      workspace {\n        id\n        agency {\n          id\n        }\n      }\n      connection {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription InventoryUpdated($workspaceId: ID!) {\n    inventoryUpdated(workspaceId: $workspaceId) {\n      item {\n        id\n        sku\n      }\n      adjustment {\n        id\n      }\n      reconciliation {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription InventoryUpdated($workspaceId: ID!) {\n    inventoryUpdated(workspaceId: $workspaceId) {\n      item {\n        id\n        sku\n      }\n      adjustment {\n        id\n      }\n      reconciliation {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SyncRunFields on SyncRun {\n    id\n    mappingVersion\n    mode\n    reason\n    status\n    pages\n    recordsRead\n    recordsWritten\n    recordsFailed\n    recordsTotal\n    recordsPerSecond\n    etaSeconds\n    error\n    startedAt\n    updatedAt\n    finishedAt\n    sync {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment SyncRunFields on SyncRun {\n    id\n    mappingVersion\n    mode\n    reason\n    status\n    pages\n    recordsRead\n    recordsWritten\n    recordsFailed\n    recordsTotal\n    recordsPerSecond\n    etaSeconds\n    error\n    startedAt\n    updatedAt\n    finishedAt\n    sync {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SyncRunUpdated($workspaceId: ID!, $runId: ID) {\n    syncRunUpdated(workspaceId: $workspaceId, runId: $runId) {\n      ...SyncRunFields\n    }\n  }\n"): (typeof documents)["\n  subscription SyncRunUpdated($workspaceId: ID!, $runId: ID) {\n    syncRunUpdated(workspaceId: $workspaceId, runId: $runId) {\n      ...SyncRunFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditRow on AuditEntry {\n    id\n    action\n    summary\n    createdAt\n    actor {\n      kind\n      tokenName\n      user {\n        id\n        name\n      }\n    }\n    workspace {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment AuditRow on AuditEntry {\n    id\n    action\n    summary\n    createdAt\n    actor {\n      kind\n      tokenName\n      user {\n        id\n        name\n      }\n    }\n    workspace {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($agencyId: ID!, $workspaceId: ID, $after: String) {\n    auditLog(agencyId: $agencyId, workspaceId: $workspaceId, first: 50, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...AuditRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($agencyId: ID!, $workspaceId: ID, $after: String) {\n    auditLog(agencyId: $agencyId, workspaceId: $workspaceId, first: 50, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...AuditRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AuditLogAdded($agencyId: ID!, $workspaceId: ID) {\n    auditLogAdded(agencyId: $agencyId, workspaceId: $workspaceId) {\n      ...AuditRow\n    }\n  }\n"): (typeof documents)["\n  subscription AuditLogAdded($agencyId: ID!, $workspaceId: ID) {\n    auditLogAdded(agencyId: $agencyId, workspaceId: $workspaceId) {\n      ...AuditRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConnectorFieldSpec on ConnectorField {\n    name\n    label\n    type\n    required\n    help\n    pattern\n    patternHelp\n    options\n    default\n    min\n    max\n    maxLength\n  }\n"): (typeof documents)["\n  fragment ConnectorFieldSpec on ConnectorField {\n    name\n    label\n    type\n    required\n    help\n    pattern\n    patternHelp\n    options\n    default\n    min\n    max\n    maxLength\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Connector($slug: String!) {\n    connector(slug: $slug) {\n      slug\n      name\n      category\n      summary\n      docsUrl\n      apiVersion\n      sandboxUrl\n      auth {\n        kind\n        scopes\n      }\n      fields {\n        ...ConnectorFieldSpec\n      }\n      events {\n        type\n        summary\n      }\n      actions {\n        name\n        summary\n        marketing\n        input {\n          name\n          type\n          required\n        }\n      }\n      entities {\n        name\n        read\n        write\n      }\n      rateBudget {\n        requests\n        perSeconds\n        costPoints\n        restorePerSecond\n        note\n      }\n    }\n  }\n"): (typeof documents)["\n  query Connector($slug: String!) {\n    connector(slug: $slug) {\n      slug\n      name\n      category\n      summary\n      docsUrl\n      apiVersion\n      sandboxUrl\n      auth {\n        kind\n        scopes\n      }\n      fields {\n        ...ConnectorFieldSpec\n      }\n      events {\n        type\n        summary\n      }\n      actions {\n        name\n        summary\n        marketing\n        input {\n          name\n          type\n          required\n        }\n      }\n      entities {\n        name\n        read\n        write\n      }\n      rateBudget {\n        requests\n        perSeconds\n        costPoints\n        restorePerSecond\n        note\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomeViewer {\n    viewer {\n      memberships {\n        id\n        agency {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query HomeViewer {\n    viewer {\n      memberships {\n        id\n        agency {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppInstall($token: String!) {\n    appInstall(token: $token) {\n      shop\n      accountName\n      expiresAt\n      connector {\n        slug\n        name\n        category\n        sandboxUrl\n      }\n      workspaces {\n        id\n        name\n        agency {\n          id\n          name\n        }\n      }\n      connectedWorkspaceIds\n      agencies {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query AppInstall($token: String!) {\n    appInstall(token: $token) {\n      shop\n      accountName\n      expiresAt\n      connector {\n        slug\n        name\n        category\n        sandboxUrl\n      }\n      workspaces {\n        id\n        name\n        agency {\n          id\n          name\n        }\n      }\n      connectedWorkspaceIds\n      agencies {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InstallViewer {\n    viewer {\n      user {\n        id\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  query InstallViewer {\n    viewer {\n      user {\n        id\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InventoryReconciliationFields on InventoryReconciliation {\n    id\n    reason\n    status\n    skus\n    repaired\n    error\n    startedAt\n    finishedAt\n  }\n"): (typeof documents)["\n  fragment InventoryReconciliationFields on InventoryReconciliation {\n    id\n    reason\n    status\n    skus\n    repaired\n    error\n    startedAt\n    finishedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InventoryPolicyFields on InventoryPolicy {\n    enabled\n    reconcileCron\n    nextReconcileAt\n    sourceOfTruth {\n      id\n      name\n    }\n    channels {\n      id\n      name\n      connector {\n        slug\n        name\n      }\n    }\n    lastReconciliation {\n      ...InventoryReconciliationFields\n    }\n  }\n"): (typeof documents)["\n  fragment InventoryPolicyFields on InventoryPolicy {\n    enabled\n    reconcileCron\n    nextReconcileAt\n    sourceOfTruth {\n      id\n      name\n    }\n    channels {\n      id\n      name\n      connector {\n        slug\n        name\n      }\n    }\n    lastReconciliation {\n      ...InventoryReconciliationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InventoryItemRow on InventoryItem {\n    id\n    sku\n    title\n    available\n    drift\n    updatedAt\n    levels {\n      channel {\n        id\n        name\n      }\n      available\n      inSync\n      error\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  fragment InventoryItemRow on InventoryItem {\n    id\n    sku\n    title\n    available\n    drift\n    updatedAt\n    levels {\n      channel {\n        id\n        name\n      }\n      available\n      inSync\n      error\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InventoryAdjustmentRow on InventoryAdjustment {\n    id\n    sku\n    channel {\n      id\n      name\n    }\n    cause\n    reference\n    before\n    after\n    delta\n    oversold\n    createdAt\n  }\n"): (typeof documents)["\n  fragment InventoryAdjustmentRow on InventoryAdjustment {\n    id\n    sku\n    channel {\n      id\n      name\n    }\n    cause\n    reference\n    before\n    after\n    delta\n    oversold\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InventoryPolicy($workspaceId: ID!) {\n    inventoryPolicy(workspaceId: $workspaceId) {\n      ...InventoryPolicyFields\n    }\n  }\n"): (typeof documents)["\n  query InventoryPolicy($workspaceId: ID!) {\n    inventoryPolicy(workspaceId: $workspaceId) {\n      ...InventoryPolicyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvitationPreview($token: String!) {\n    invitationPreview(token: $token) {\n      agencyId\n      agencyName\n      email\n      role\n      invitedByName\n      expiresAt\n      accountExists\n    }\n  }\n"): (typeof documents)["\n  query InvitationPreview($token: String!) {\n    invitationPreview(token: $token) {\n      agencyId\n      agencyName\n      email\n      role\n      invitedByName\n      expiresAt\n      accountExists\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InviteViewer {\n    viewer {\n      user {\n        id\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  query InviteViewer {\n    viewer {\n      user {\n        id\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      viewer {\n        memberships {\n          id\n          agency {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      viewer {\n        memberships {\n          id\n          agency {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MappingEntityField on ConnectorField {\n    name\n    label\n    type\n    required\n  }\n"): (typeof documents)["\n  fragment MappingEntityField on ConnectorField {\n    name\n    label\n    type\n    required\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MappingConnection on Connection {\n    id\n    name\n    status\n    connector {\n      slug\n      name\n      entities {\n        name\n        read\n        write\n        fields {\n          ...MappingEntityField\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment MappingConnection on Connection {\n    id\n    name\n    status\n    connector {\n      slug\n      name\n      entities {\n        name\n        read\n        write\n        fields {\n          ...MappingEntityField\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MappingEditorData($workspaceId: ID!) {\n    connections(workspaceId: $workspaceId) {\n      ...MappingConnection\n    }\n  }\n"): (typeof documents)["\n  query MappingEditorData($workspaceId: ID!) {\n    connections(workspaceId: $workspaceId) {\n      ...MappingConnection\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MappingEditorMappings($workspaceId: ID!) {\n    mappings(workspaceId: $workspaceId) {\n      ...MappingEditorFields\n    }\n  }\n"): (typeof documents)["\n  query MappingEditorMappings($workspaceId: ID!) {\n    mappings(workspaceId: $workspaceId) {\n      ...MappingEditorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MarketplaceCategories {\n    connectors {\n      slug\n      category\n    }\n  }\n"): (typeof documents)["\n  query MarketplaceCategories {\n    connectors {\n      slug\n      category\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Marketplace($category: ConnectorCategory, $search: String) {\n    connectors(category: $category, search: $search) {\n      slug\n      name\n      category\n      summary\n      sandboxUrl\n      auth {\n        kind\n      }\n    }\n  }\n"): (typeof documents)["\n  query Marketplace($category: ConnectorCategory, $search: String) {\n    connectors(category: $category, search: $search) {\n      slug\n      name\n      category\n      summary\n      sandboxUrl\n      auth {\n        kind\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Members($agencyId: ID!, $after: String) {\n    members(agencyId: $agencyId, first: 20, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          role\n          allWorkspaces\n          workspaces {\n            id\n            name\n          }\n          user {\n            id\n            name\n            email\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Members($agencyId: ID!, $after: String) {\n    members(agencyId: $agencyId, first: 20, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          role\n          allWorkspaces\n          workspaces {\n            id\n            name\n          }\n          user {\n            id\n            name\n            email\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PendingInvitations($agencyId: ID!, $after: String) {\n    invitations(agencyId: $agencyId, first: 20, after: $after, status: PENDING) {\n      totalCount\n      edges {\n        node {\n          id\n          email\n          role\n          allWorkspaces\n          workspaces {\n            id\n            name\n          }\n          expiresAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query PendingInvitations($agencyId: ID!, $after: String) {\n    invitations(agencyId: $agencyId, first: 20, after: $after, status: PENDING) {\n      totalCount\n      edges {\n        node {\n          id\n          email\n          role\n          allWorkspaces\n          workspaces {\n            id\n            name\n          }\n          expiresAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveMember($membershipId: ID!) {\n    removeMember(membershipId: $membershipId)\n  }\n"): (typeof documents)["\n  mutation RemoveMember($membershipId: ID!) {\n    removeMember(membershipId: $membershipId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RuleEditorData($workspaceId: ID!) {\n    triggerEvents {\n      type\n      derived\n      connectors {\n        slug\n        name\n      }\n    }\n    connectors {\n      slug\n      name\n      category\n      actions {\n        name\n        summary\n        marketing\n        input {\n          ...ConnectorFieldSpec\n        }\n      }\n    }\n    connections(workspaceId: $workspaceId) {\n      id\n      name\n      status\n      connector {\n        slug\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query RuleEditorData($workspaceId: ID!) {\n    triggerEvents {\n      type\n      derived\n      connectors {\n        slug\n        name\n      }\n    }\n    connectors {\n      slug\n      name\n      category\n      actions {\n        name\n        summary\n        marketing\n        input {\n          ...ConnectorFieldSpec\n        }\n      }\n    }\n    connections(workspaceId: $workspaceId) {\n      id\n      name\n      status\n      connector {\n        slug\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RuleEditorRule($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Rule {\n        ...RuleEditorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query RuleEditorRule($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Rule {\n        ...RuleEditorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RuleRow on Rule {\n    id\n    name\n    enabled\n    recipe\n    version\n    marketing\n    updatedAt\n    trigger {\n      event\n      delayMinutes\n      connection {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment RuleRow on Rule {\n    id\n    name\n    enabled\n    recipe\n    version\n    marketing\n    updatedAt\n    trigger {\n      event\n      delayMinutes\n      connection {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Rules($workspaceId: ID!) {\n    rules(workspaceId: $workspaceId) {\n      ...RuleRow\n    }\n  }\n"): (typeof documents)["\n  query Rules($workspaceId: ID!) {\n    rules(workspaceId: $workspaceId) {\n      ...RuleRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RuleUpdated($workspaceId: ID!) {\n    ruleUpdated(workspaceId: $workspaceId) {\n      ...RuleRow\n    }\n  }\n"): (typeof documents)["\n  subscription RuleUpdated($workspaceId: ID!) {\n    ruleUpdated(workspaceId: $workspaceId) {\n      ...RuleRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteRule($id: ID!) {\n    deleteRule(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteRule($id: ID!) {\n    deleteRule(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunStepFields on RunStep {\n    path\n    kind\n    title\n    status\n    attempts\n    summary\n    error\n    providerResponse\n    startedAt\n    finishedAt\n  }\n"): (typeof documents)["\n  fragment RunStepFields on RunStep {\n    path\n    kind\n    title\n    status\n    attempts\n    summary\n    error\n    providerResponse\n    startedAt\n    finishedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunDetail on Run {\n    ...RunRow\n    rule {\n      id\n      name\n      version\n    }\n    customer {\n      id\n      email\n      firstName\n      lastName\n    }\n    steps {\n      ...RunStepFields\n    }\n  }\n"): (typeof documents)["\n  fragment RunDetail on Run {\n    ...RunRow\n    rule {\n      id\n      name\n      version\n    }\n    customer {\n      id\n      email\n      firstName\n      lastName\n    }\n    steps {\n      ...RunStepFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Run {\n        ...RunDetail\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Run {\n        ...RunDetail\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RunChanged($id: ID!) {\n    run(id: $id) {\n      ...RunDetail\n    }\n  }\n"): (typeof documents)["\n  subscription RunChanged($id: ID!) {\n    run(id: $id) {\n      ...RunDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryRun($id: ID!) {\n    retryRun(id: $id) {\n      ...RunDetail\n    }\n  }\n"): (typeof documents)["\n  mutation RetryRun($id: ID!) {\n    retryRun(id: $id) {\n      ...RunDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelRun($id: ID!) {\n    cancelRun(id: $id) {\n      ...RunDetail\n    }\n  }\n"): (typeof documents)["\n  mutation CancelRun($id: ID!) {\n    cancelRun(id: $id) {\n      ...RunDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunRow on Run {\n    id\n    status\n    version\n    startedAt\n    updatedAt\n    finishedAt\n    waitingUntil\n    error\n    rule {\n      id\n      name\n    }\n    event {\n      id\n      type\n      occurredAt\n    }\n    customer {\n      id\n      email\n    }\n  }\n"): (typeof documents)["\n  fragment RunRow on Run {\n    id\n    status\n    version\n    startedAt\n    updatedAt\n    finishedAt\n    waitingUntil\n    error\n    rule {\n      id\n      name\n    }\n    event {\n      id\n      type\n      occurredAt\n    }\n    customer {\n      id\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Runs($workspaceId: ID!, $ruleId: ID, $status: RunStatus, $from: Time, $to: Time, $after: String) {\n    runs(workspaceId: $workspaceId, ruleId: $ruleId, status: $status, from: $from, to: $to, first: 25, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...RunRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Runs($workspaceId: ID!, $ruleId: ID, $status: RunStatus, $from: Time, $to: Time, $after: String) {\n    runs(workspaceId: $workspaceId, ruleId: $ruleId, status: $status, from: $from, to: $to, first: 25, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...RunRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RunUpdated($workspaceId: ID!) {\n    runUpdated(workspaceId: $workspaceId) {\n      ...RunRow\n    }\n  }\n"): (typeof documents)["\n  subscription RunUpdated($workspaceId: ID!) {\n    runUpdated(workspaceId: $workspaceId) {\n      ...RunRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunRuleNames($workspaceId: ID!) {\n    rules(workspaceId: $workspaceId) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query RunRuleNames($workspaceId: ID!) {\n    rules(workspaceId: $workspaceId) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        user {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        user {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      viewer {\n        memberships {\n          id\n          agency {\n            id\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      viewer {\n        memberships {\n          id\n          agency {\n            id\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SyncDetail on Sync {\n    id\n    name\n    intervalMinutes\n    cron\n    onEvents\n    enabled\n    checkpoint\n    nextRunAt\n    linkedRecords\n    mapping {\n      id\n      name\n      version\n      sourceEntity\n      targetEntity\n      sourceConnection {\n        id\n        name\n      }\n      targetConnection {\n        id\n        name\n      }\n    }\n    activeRun {\n      ...SyncRunFields\n    }\n    runs(first: 20) {\n      ...SyncRunFields\n    }\n  }\n"): (typeof documents)["\n  fragment SyncDetail on Sync {\n    id\n    name\n    intervalMinutes\n    cron\n    onEvents\n    enabled\n    checkpoint\n    nextRunAt\n    linkedRecords\n    mapping {\n      id\n      name\n      version\n      sourceEntity\n      targetEntity\n      sourceConnection {\n        id\n        name\n      }\n      targetConnection {\n        id\n        name\n      }\n    }\n    activeRun {\n      ...SyncRunFields\n    }\n    runs(first: 20) {\n      ...SyncRunFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SyncPage($id: ID!) {\n    sync(id: $id) {\n      ...SyncDetail\n    }\n  }\n"): (typeof documents)["\n  query SyncPage($id: ID!) {\n    sync(id: $id) {\n      ...SyncDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartSyncRun($id: ID!, $full: Boolean) {\n    startSync(id: $id, full: $full) {\n      ...SyncRunFields\n    }\n  }\n"): (typeof documents)["\n  mutation StartSyncRun($id: ID!, $full: Boolean) {\n    startSync(id: $id, full: $full) {\n      ...SyncRunFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelSyncRun($id: ID!) {\n    cancelSyncRun(id: $id) {\n      ...SyncRunFields\n    }\n  }\n"): (typeof documents)["\n  mutation CancelSyncRun($id: ID!) {\n    cancelSyncRun(id: $id) {\n      ...SyncRunFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SyncRow on Sync {\n    id\n    name\n    intervalMinutes\n    cron\n    onEvents\n    enabled\n    mapping {\n      id\n      name\n      sourceConnection {\n        id\n        name\n      }\n      targetConnection {\n        id\n        name\n      }\n    }\n    activeRun {\n      ...SyncRunFields\n    }\n    runs(first: 1) {\n      ...SyncRunFields\n    }\n  }\n"): (typeof documents)["\n  fragment SyncRow on Sync {\n    id\n    name\n    intervalMinutes\n    cron\n    onEvents\n    enabled\n    mapping {\n      id\n      name\n      sourceConnection {\n        id\n        name\n      }\n      targetConnection {\n        id\n        name\n      }\n    }\n    activeRun {\n      ...SyncRunFields\n    }\n    runs(first: 1) {\n      ...SyncRunFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MappingRow on Mapping {\n    id\n    name\n    version\n    sourceEntity\n    targetEntity\n    sourceConnection {\n      id\n      name\n    }\n    targetConnection {\n      id\n      name\n    }\n    syncs {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment MappingRow on Mapping {\n    id\n    name\n    version\n    sourceEntity\n    targetEntity\n    sourceConnection {\n      id\n      name\n    }\n    targetConnection {\n      id\n      name\n    }\n    syncs {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Syncs($workspaceId: ID!) {\n    syncs(workspaceId: $workspaceId) {\n      ...SyncRow\n    }\n  }\n"): (typeof documents)["\n  query Syncs($workspaceId: ID!) {\n    syncs(workspaceId: $workspaceId) {\n      ...SyncRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Mappings($workspaceId: ID!) {\n    mappings(workspaceId: $workspaceId) {\n      ...MappingRow\n    }\n  }\n"): (typeof documents)["\n  query Mappings($workspaceId: ID!) {\n    mappings(workspaceId: $workspaceId) {\n      ...MappingRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartSync($id: ID!, $full: Boolean) {\n    startSync(id: $id, full: $full) {\n      ...SyncRunFields\n    }\n  }\n"): (typeof documents)["\n  mutation StartSync($id: ID!, $full: Boolean) {\n    startSync(id: $id, full: $full) {\n      ...SyncRunFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMapping($id: ID!) {\n    deleteMapping(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteMapping($id: ID!) {\n    deleteMapping(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiTokens($agencyId: ID!, $after: String, $includeRevoked: Boolean) {\n    apiTokens(agencyId: $agencyId, first: 20, after: $after, includeRevoked: $includeRevoked) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          prefix\n          access\n          workspace {\n            id\n            name\n          }\n          createdBy {\n            id\n            name\n          }\n          createdAt\n          lastUsedAt\n          revokedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiTokens($agencyId: ID!, $after: String, $includeRevoked: Boolean) {\n    apiTokens(agencyId: $agencyId, first: 20, after: $after, includeRevoked: $includeRevoked) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          prefix\n          access\n          workspace {\n            id\n            name\n          }\n          createdBy {\n            id\n            name\n          }\n          createdAt\n          lastUsedAt\n          revokedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConnectionRow on Connection {\n    id\n    name\n    status\n    sandbox\n    lastError\n    lastCheckedAt\n    createdAt\n    webhookUrl\n    values {\n      name\n      value\n    }\n    connector {\n      slug\n      name\n      category\n      auth {\n        kind\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ConnectionRow on Connection {\n    id\n    name\n    status\n    sandbox\n    lastError\n    lastCheckedAt\n    createdAt\n    webhookUrl\n    values {\n      name\n      value\n    }\n    connector {\n      slug\n      name\n      category\n      auth {\n        kind\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Connections($workspaceId: ID!) {\n    connections(workspaceId: $workspaceId) {\n      ...ConnectionRow\n    }\n  }\n"): (typeof documents)["\n  query Connections($workspaceId: ID!) {\n    connections(workspaceId: $workspaceId) {\n      ...ConnectionRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConnectionStatusChanged($workspaceId: ID!) {\n    connectionStatusChanged(workspaceId: $workspaceId) {\n      ...ConnectionRow\n    }\n  }\n"): (typeof documents)["\n  subscription ConnectionStatusChanged($workspaceId: ID!) {\n    connectionStatusChanged(workspaceId: $workspaceId) {\n      ...ConnectionRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestConnection($id: ID!) {\n    testConnection(id: $id) {\n      ...ConnectionRow\n    }\n  }\n"): (typeof documents)["\n  mutation TestConnection($id: ID!) {\n    testConnection(id: $id) {\n      ...ConnectionRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Disconnect($id: ID!) {\n    disconnect(id: $id) {\n      ...ConnectionRow\n    }\n  }\n"): (typeof documents)["\n  mutation Disconnect($id: ID!) {\n    disconnect(id: $id) {\n      ...ConnectionRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkspaceRow on Workspace {\n    id\n    name\n    createdAt\n    archivedAt\n  }\n"): (typeof documents)["\n  fragment WorkspaceRow on Workspace {\n    id\n    name\n    createdAt\n    archivedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Workspaces($agencyId: ID!, $after: String, $search: String, $includeArchived: Boolean) {\n    workspaces(agencyId: $agencyId, first: 20, after: $after, search: $search, includeArchived: $includeArchived) {\n      totalCount\n      edges {\n        node {\n          ...WorkspaceRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Workspaces($agencyId: ID!, $after: String, $search: String, $includeArchived: Boolean) {\n    workspaces(agencyId: $agencyId, first: 20, after: $after, search: $search, includeArchived: $includeArchived) {\n      totalCount\n      edges {\n        node {\n          ...WorkspaceRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWorkspace($input: CreateWorkspaceInput!) {\n    createWorkspace(input: $input) {\n      ...WorkspaceRow\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWorkspace($input: CreateWorkspaceInput!) {\n    createWorkspace(input: $input) {\n      ...WorkspaceRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameWorkspace($input: RenameWorkspaceInput!) {\n    renameWorkspace(input: $input) {\n      ...WorkspaceRow\n    }\n  }\n"): (typeof documents)["\n  mutation RenameWorkspace($input: RenameWorkspaceInput!) {\n    renameWorkspace(input: $input) {\n      ...WorkspaceRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveWorkspace($id: ID!) {\n    archiveWorkspace(id: $id) {\n      ...WorkspaceRow\n    }\n  }\n"): (typeof documents)["\n  mutation ArchiveWorkspace($id: ID!) {\n    archiveWorkspace(id: $id) {\n      ...WorkspaceRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestoreWorkspace($id: ID!) {\n    restoreWorkspace(id: $id) {\n      ...WorkspaceRow\n    }\n  }\n"): (typeof documents)["\n  mutation RestoreWorkspace($id: ID!) {\n    restoreWorkspace(id: $id) {\n      ...WorkspaceRow\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;