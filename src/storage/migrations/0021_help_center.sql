-- The public help center (issue 7): per-tenant settings and custom domains. Pages are rendered from
-- the knowledge base's published public translations (0018_kb.sql); nothing here copies articles.

CREATE TABLE help_center_settings (
  tenant_id         uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  enabled           boolean NOT NULL DEFAULT false,
  -- The site's title per language: { "en": "Help", "cy": "Cymorth", ... }.
  titles            jsonb NOT NULL DEFAULT '{}',
  theme_color       text NOT NULL DEFAULT '#1d4ed8' CHECK (theme_color ~ '^#[0-9a-fA-F]{6}$'),
  logo_url          text CHECK (logo_url IS NULL OR (length(logo_url) <= 2000 AND logo_url ~ '^https://')),
  default_language  text NOT NULL DEFAULT 'en' CHECK (default_language ~ '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$'),
  -- The chat inbox whose widget the pages embed (checked to be this tenant's chat inbox on save).
  chat_inbox_id     uuid,
  contact_form      boolean NOT NULL DEFAULT true,
  -- Signs the contact form's tokens (HMAC key); never leaves the server.
  form_secret       text NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now()
);

-- A custom domain serves one tenant's help center at its root; unique across tenants.
CREATE TABLE help_center_domains (
  domain      text PRIMARY KEY CHECK (domain ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$' AND length(domain) <= 253),
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX help_center_domains_tenant ON help_center_domains (tenant_id, domain);
