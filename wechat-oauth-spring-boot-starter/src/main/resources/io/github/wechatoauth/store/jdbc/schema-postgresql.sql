-- Tables of wechat-oauth's JDBC stores on PostgreSQL. The names carry the default prefix wechat_;
-- wechat.store.jdbc.table-prefix replaces it when the starter runs this script.

CREATE TABLE IF NOT EXISTS wechat_user_token (
	appid VARCHAR(32) NOT NULL,
	openid VARCHAR(128) NOT NULL,
	access_token VARCHAR(2048) NOT NULL,
	expires_in BIGINT NOT NULL,
	refresh_token VARCHAR(2048) NOT NULL,
	scope VARCHAR(512) NOT NULL,
	unionid VARCHAR(128),
	created_at BIGINT NOT NULL,
	snapshot_user BOOLEAN DEFAULT FALSE NOT NULL,
	CONSTRAINT wechat_user_token_pk PRIMARY KEY (appid, openid)
);

-- Migration of a table made by an earlier version, which lacks snapshot_user.
ALTER TABLE wechat_user_token ADD COLUMN IF NOT EXISTS snapshot_user BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE IF NOT EXISTS wechat_shared (
	appid VARCHAR(32) NOT NULL,
	item_key VARCHAR(128) NOT NULL,
	item_value VARCHAR(2048),
	stored_at BIGINT,
	expires_at BIGINT,
	lease_owner VARCHAR(64),
	lease_until BIGINT,
	CONSTRAINT wechat_shared_pk PRIMARY KEY (appid, item_key)
);
