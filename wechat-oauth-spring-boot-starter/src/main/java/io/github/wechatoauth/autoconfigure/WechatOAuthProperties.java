package io.github.wechatoauth.autoconfigure;

import io.github.wechatoauth.oauth.Lang;

/**
 * Web authorization properties.
 */
public class WechatOAuthProperties {

	/**
	 * Language of the place names in user info when a call names none.
	 */
	private Lang defaultLang = Lang.ZH_CN;

	public Lang getDefaultLang() {
		return this.defaultLang;
	}

	public void setDefaultLang(Lang defaultLang) {
		this.defaultLang = defaultLang;
	}

}
