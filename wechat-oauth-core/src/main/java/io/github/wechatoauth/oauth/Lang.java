package io.github.wechatoauth.oauth;

/**
 * The language of the country, province and city names in user info. {@link #ZH_CN} is
 * the default.
 */
public enum Lang {

	/** Simplified Chinese. */
	ZH_CN("zh_CN"),

	/** Traditional Chinese. */
	ZH_TW("zh_TW"),

	/** English. */
	EN("en");

	private final String value;

	Lang(String value) {
		this.value = value;
	}

	/**
	 * Returns the language as WeChat spells it.
	 * @return the wire value, such as {@code zh_CN}
	 */
	public String value() {
		return this.value;
	}

}
