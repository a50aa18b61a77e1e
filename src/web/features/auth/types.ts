export interface PublicConfig {
  oidc: { enabled: boolean; providerId: string; label: string };
  outboxEnabled: boolean;
  appName: string;
}
