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
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      secret\n      token {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation InstallSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      viewer {\n        memberships {\n          id\n          agency {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.InstallSignUpDocument,
    "\n  mutation InstallAcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      viewer {\n        user {\n          id\n        }\n      }\n    }\n  }\n": typeof types.InstallAcceptInvitationDocument,
    "\n  mutation InstallSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        user {\n          id\n        }\n      }\n    }\n  }\n": typeof types.InstallSignInDocument,
    "\n  mutation InviteMember($input: InviteMemberInput!) {\n    inviteMember(input: $input) {\n      inviteUrl\n      invitation {\n        id\n        email\n      }\n    }\n  }\n": typeof types.InviteMemberDocument,
    "\n  query WorkspaceOptions($agencyId: ID!) {\n    workspaces(agencyId: $agencyId, first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.WorkspaceOptionsDocument,
    "\n  query WorkspaceHeader($id: ID!) {\n    workspace(id: $id) {\n      id\n      name\n      archivedAt\n    }\n  }\n": typeof types.WorkspaceHeaderDocument,
    "\n  mutation CompleteAppInstall($input: CompleteAppInstallInput!) {\n    completeAppInstall(input: $input) {\n      workspace {\n        id\n        agency {\n          id\n        }\n      }\n      connection {\n        id\n      }\n    }\n  }\n": typeof types.CompleteAppInstallDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  fragment AuditRow on AuditEntry {\n    id\n    action\n    summary\n    createdAt\n    actor {\n      kind\n      tokenName\n      user {\n        id\n        name\n      }\n    }\n    workspace {\n      id\n      name\n    }\n  }\n": typeof types.AuditRowFragmentDoc,
    "\n  query AuditLog($agencyId: ID!, $workspaceId: ID, $after: String) {\n    auditLog(agencyId: $agencyId, workspaceId: $workspaceId, first: 50, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...AuditRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  subscription AuditLogAdded($agencyId: ID!, $workspaceId: ID) {\n    auditLogAdded(agencyId: $agencyId, workspaceId: $workspaceId) {\n      ...AuditRow\n    }\n  }\n": typeof types.AuditLogAddedDocument,
    "\n  fragment ConnectorFieldSpec on ConnectorField {\n    name\n    label\n    type\n    required\n    help\n    pattern\n    patternHelp\n    options\n    default\n    min\n    max\n    maxLength\n  }\n": typeof types.ConnectorFieldSpecFragmentDoc,
    "\n  query Connector($slug: String!) {\n    connector(slug: $slug) {\n      slug\n      name\n      category\n      summary\n      docsUrl\n      apiVersion\n      sandboxUrl\n      auth {\n        kind\n        scopes\n      }\n      fields {\n        ...ConnectorFieldSpec\n      }\n      events {\n        type\n        summary\n      }\n      actions {\n        name\n        summary\n        marketing\n        input {\n          name\n          type\n          required\n        }\n      }\n      entities {\n        name\n        read\n        write\n      }\n      rateBudget {\n        requests\n        perSeconds\n        costPoints\n        restorePerSecond\n        note\n      }\n    }\n  }\n": typeof types.ConnectorDocument,
    "\n  query HomeViewer {\n    viewer {\n      memberships {\n        id\n        agency {\n          id\n        }\n      }\n    }\n  }\n": typeof types.HomeViewerDocument,
    "\n  query AppInstall($token: String!) {\n    appInstall(token: $token) {\n      shop\n      accountName\n      expiresAt\n      connector {\n        slug\n        name\n        category\n        sandboxUrl\n      }\n      workspaces {\n        id\n        name\n        agency {\n          id\n          name\n        }\n      }\n      connectedWorkspaceIds\n      agencies {\n        id\n        name\n      }\n    }\n  }\n": typeof types.AppInstallDocument,
    "\n  query InstallViewer {\n    viewer {\n      user {\n        id\n        email\n      }\n    }\n  }\n": typeof types.InstallViewerDocument,
    "\n  query InvitationPreview($token: String!) {\n    invitationPreview(token: $token) {\n      agencyId\n      agencyName\n      email\n      role\n      invitedByName\n      expiresAt\n      accountExists\n    }\n  }\n": typeof types.InvitationPreviewDocument,
    "\n  query InviteViewer {\n    viewer {\n      user {\n        id\n        email\n      }\n    }\n  }\n": typeof types.InviteViewerDocument,
    "\n  mutation AcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      viewer {\n        memberships {\n          id\n          agency {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.AcceptInvitationDocument,
    "\n  query MarketplaceCategories {\n    connectors {\n      slug\n      category\n    }\n  }\n": typeof types.MarketplaceCategoriesDocument,
    "\n  query Marketplace($category: ConnectorCategory, $search: String) {\n    connectors(category: $category, search: $search) {\n      slug\n      name\n      category\n      summary\n      sandboxUrl\n      auth {\n        kind\n      }\n    }\n  }\n": typeof types.MarketplaceDocument,
    "\n  query Members($agencyId: ID!, $after: String) {\n    members(agencyId: $agencyId, first: 20, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          role\n          allWorkspaces\n          workspaces {\n            id\n            name\n          }\n          user {\n            id\n            name\n            email\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MembersDocument,
    "\n  query PendingInvitations($agencyId: ID!, $after: String) {\n    invitations(agencyId: $agencyId, first: 20, after: $after, status: PENDING) {\n      totalCount\n      edges {\n        node {\n          id\n          email\n          role\n          allWorkspaces\n          workspaces {\n            id\n            name\n          }\n          expiresAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.PendingInvitationsDocument,
    "\n  mutation RemoveMember($membershipId: ID!) {\n    removeMember(membershipId: $membershipId)\n  }\n": typeof types.RemoveMemberDocument,
    "\n  mutation RevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.RevokeInvitationDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        user {\n          id\n        }\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      viewer {\n        memberships {\n          id\n          agency {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  query ApiTokens($agencyId: ID!, $after: String, $includeRevoked: Boolean) {\n    apiTokens(agencyId: $agencyId, first: 20, after: $after, includeRevoked: $includeRevoked) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          prefix\n          access\n          workspace {\n            id\n            name\n          }\n          createdBy {\n            id\n            name\n          }\n          createdAt\n          lastUsedAt\n          revokedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ApiTokensDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiTokenDocument,
    "\n  fragment ConnectionRow on Connection {\n    id\n    name\n    status\n    sandbox\n    lastError\n    lastCheckedAt\n    createdAt\n    values {\n      name\n      value\n    }\n    connector {\n      slug\n      name\n      category\n    }\n  }\n": typeof types.ConnectionRowFragmentDoc,
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
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      secret\n      token {\n        id\n        name\n      }\n    }\n  }\n": types.CreateApiTokenDocument,
    "\n  mutation InstallSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      viewer {\n        memberships {\n          id\n          agency {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.InstallSignUpDocument,
    "\n  mutation InstallAcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      viewer {\n        user {\n          id\n        }\n      }\n    }\n  }\n": types.InstallAcceptInvitationDocument,
    "\n  mutation InstallSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        user {\n          id\n        }\n      }\n    }\n  }\n": types.InstallSignInDocument,
    "\n  mutation InviteMember($input: InviteMemberInput!) {\n    inviteMember(input: $input) {\n      inviteUrl\n      invitation {\n        id\n        email\n      }\n    }\n  }\n": types.InviteMemberDocument,
    "\n  query WorkspaceOptions($agencyId: ID!) {\n    workspaces(agencyId: $agencyId, first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.WorkspaceOptionsDocument,
    "\n  query WorkspaceHeader($id: ID!) {\n    workspace(id: $id) {\n      id\n      name\n      archivedAt\n    }\n  }\n": types.WorkspaceHeaderDocument,
    "\n  mutation CompleteAppInstall($input: CompleteAppInstallInput!) {\n    completeAppInstall(input: $input) {\n      workspace {\n        id\n        agency {\n          id\n        }\n      }\n      connection {\n        id\n      }\n    }\n  }\n": types.CompleteAppInstallDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  fragment AuditRow on AuditEntry {\n    id\n    action\n    summary\n    createdAt\n    actor {\n      kind\n      tokenName\n      user {\n        id\n        name\n      }\n    }\n    workspace {\n      id\n      name\n    }\n  }\n": types.AuditRowFragmentDoc,
    "\n  query AuditLog($agencyId: ID!, $workspaceId: ID, $after: String) {\n    auditLog(agencyId: $agencyId, workspaceId: $workspaceId, first: 50, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...AuditRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  subscription AuditLogAdded($agencyId: ID!, $workspaceId: ID) {\n    auditLogAdded(agencyId: $agencyId, workspaceId: $workspaceId) {\n      ...AuditRow\n    }\n  }\n": types.AuditLogAddedDocument,
    "\n  fragment ConnectorFieldSpec on ConnectorField {\n    name\n    label\n    type\n    required\n    help\n    pattern\n    patternHelp\n    options\n    default\n    min\n    max\n    maxLength\n  }\n": types.ConnectorFieldSpecFragmentDoc,
    "\n  query Connector($slug: String!) {\n    connector(slug: $slug) {\n      slug\n      name\n      category\n      summary\n      docsUrl\n      apiVersion\n      sandboxUrl\n      auth {\n        kind\n        scopes\n      }\n      fields {\n        ...ConnectorFieldSpec\n      }\n      events {\n        type\n        summary\n      }\n      actions {\n        name\n        summary\n        marketing\n        input {\n          name\n          type\n          required\n        }\n      }\n      entities {\n        name\n        read\n        write\n      }\n      rateBudget {\n        requests\n        perSeconds\n        costPoints\n        restorePerSecond\n        note\n      }\n    }\n  }\n": types.ConnectorDocument,
    "\n  query HomeViewer {\n    viewer {\n      memberships {\n        id\n        agency {\n          id\n        }\n      }\n    }\n  }\n": types.HomeViewerDocument,
    "\n  query AppInstall($token: String!) {\n    appInstall(token: $token) {\n      shop\n      accountName\n      expiresAt\n      connector {\n        slug\n        name\n        category\n        sandboxUrl\n      }\n      workspaces {\n        id\n        name\n        agency {\n          id\n          name\n        }\n      }\n      connectedWorkspaceIds\n      agencies {\n        id\n        name\n      }\n    }\n  }\n": types.AppInstallDocument,
    "\n  query InstallViewer {\n    viewer {\n      user {\n        id\n        email\n      }\n    }\n  }\n": types.InstallViewerDocument,
    "\n  query InvitationPreview($token: String!) {\n    invitationPreview(token: $token) {\n      agencyId\n      agencyName\n      email\n      role\n      invitedByName\n      expiresAt\n      accountExists\n    }\n  }\n": types.InvitationPreviewDocument,
    "\n  query InviteViewer {\n    viewer {\n      user {\n        id\n        email\n      }\n    }\n  }\n": types.InviteViewerDocument,
    "\n  mutation AcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      viewer {\n        memberships {\n          id\n          agency {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.AcceptInvitationDocument,
    "\n  query MarketplaceCategories {\n    connectors {\n      slug\n      category\n    }\n  }\n": types.MarketplaceCategoriesDocument,
    "\n  query Marketplace($category: ConnectorCategory, $search: String) {\n    connectors(category: $category, search: $search) {\n      slug\n      name\n      category\n      summary\n      sandboxUrl\n      auth {\n        kind\n      }\n    }\n  }\n": types.MarketplaceDocument,
    "\n  query Members($agencyId: ID!, $after: String) {\n    members(agencyId: $agencyId, first: 20, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          role\n          allWorkspaces\n          workspaces {\n            id\n            name\n          }\n          user {\n            id\n            name\n            email\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MembersDocument,
    "\n  query PendingInvitations($agencyId: ID!, $after: String) {\n    invitations(agencyId: $agencyId, first: 20, after: $after, status: PENDING) {\n      totalCount\n      edges {\n        node {\n          id\n          email\n          role\n          allWorkspaces\n          workspaces {\n            id\n            name\n          }\n          expiresAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.PendingInvitationsDocument,
    "\n  mutation RemoveMember($membershipId: ID!) {\n    removeMember(membershipId: $membershipId)\n  }\n": types.RemoveMemberDocument,
    "\n  mutation RevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n      status\n    }\n  }\n": types.RevokeInvitationDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        user {\n          id\n        }\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      viewer {\n        memberships {\n          id\n          agency {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.SignUpDocument,
    "\n  query ApiTokens($agencyId: ID!, $after: String, $includeRevoked: Boolean) {\n    apiTokens(agencyId: $agencyId, first: 20, after: $after, includeRevoked: $includeRevoked) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          prefix\n          access\n          workspace {\n            id\n            name\n          }\n          createdBy {\n            id\n            name\n          }\n          createdAt\n          lastUsedAt\n          revokedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ApiTokensDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeApiTokenDocument,
    "\n  fragment ConnectionRow on Connection {\n    id\n    name\n    status\n    sandbox\n    lastError\n    lastCheckedAt\n    createdAt\n    values {\n      name\n      value\n    }\n    connector {\n      slug\n      name\n      category\n    }\n  }\n": types.ConnectionRowFragmentDoc,
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
export function graphql(source: "\n  mutation InviteMember($input: InviteMemberInput!) {\n    inviteMember(input: $input) {\n      inviteUrl\n      invitation {\n        id\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation InviteMember($input: InviteMemberInput!) {\n    inviteMember(input: $input) {\n      inviteUrl\n      invitation {\n        id\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkspaceOptions($agencyId: ID!) {\n    workspaces(agencyId: $agencyId, first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WorkspaceOptions($agencyId: ID!) {\n    workspaces(agencyId: $agencyId, first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkspaceHeader($id: ID!) {\n    workspace(id: $id) {\n      id\n      name\n      archivedAt\n    }\n  }\n"): (typeof documents)["\n  query WorkspaceHeader($id: ID!) {\n    workspace(id: $id) {\n      id\n      name\n      archivedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteAppInstall($input: CompleteAppInstallInput!) {\n    completeAppInstall(input: $input) {\n      workspace {\n        id\n        agency {\n          id\n        }\n      }\n      connection {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteAppInstall($input: CompleteAppInstallInput!) {\n    completeAppInstall(input: $input) {\n      workspace {\n        id\n        agency {\n          id\n        }\n      }\n      connection {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];
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
export function graphql(source: "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        user {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        user {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      viewer {\n        memberships {\n          id\n          agency {\n            id\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      viewer {\n        memberships {\n          id\n          agency {\n            id\n          }\n        }\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  fragment ConnectionRow on Connection {\n    id\n    name\n    status\n    sandbox\n    lastError\n    lastCheckedAt\n    createdAt\n    values {\n      name\n      value\n    }\n    connector {\n      slug\n      name\n      category\n    }\n  }\n"): (typeof documents)["\n  fragment ConnectionRow on Connection {\n    id\n    name\n    status\n    sandbox\n    lastError\n    lastCheckedAt\n    createdAt\n    values {\n      name\n      value\n    }\n    connector {\n      slug\n      name\n      category\n    }\n  }\n"];
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