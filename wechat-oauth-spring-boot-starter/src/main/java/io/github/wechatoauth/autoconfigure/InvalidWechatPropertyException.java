package io.github.wechatoauth.autoconfigure;

/**
 * A {@code wechat.*} property is missing or malformed, or names something the application
 * lacks; start-up stops with a report that names the property and shows the fix. The
 * message never holds the AppSecret.
 */
public class InvalidWechatPropertyException extends IllegalStateException {

	/** Serialization version. */
	private static final long serialVersionUID = 1L;

	/** Full name of the property. */
	private final String property;

	/** What is wrong. */
	private final String description;

	/** How to fix it. */
	private final String action;

	/**
	 * Creates an exception.
	 * @param property the property's full name, such as {@code wechat.appid}
	 * @param description what is wrong, free of secrets
	 * @param action how to fix it
	 */
	public InvalidWechatPropertyException(String property, String description, String action) {
		super(description);
		this.property = property;
		this.description = description;
		this.action = action;
	}

	/**
	 * Returns the property's full name.
	 * @return the name, such as {@code wechat.appid}
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Returns what is wrong.
	 * @return the description, free of secrets
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * Returns how to fix the property.
	 * @return the fix
	 */
	public String getAction() {
		return this.action;
	}

}
