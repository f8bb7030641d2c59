package io.github.wechatoauth.message;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The query parameters of a push, as WeChat sent them; any may be missing.
 *
 * @param signature {@code signature}: over the token, timestamp and nonce
 * @param timestamp {@code timestamp}: Unix seconds
 * @param nonce {@code nonce}
 * @param encryptType {@code encrypt_type}: {@code aes} in safe and compatible mode
 * @param msgSignature {@code msg_signature}: over the token, timestamp, nonce and
 * {@code Encrypt}, in safe and compatible mode
 */
public record PushRequest(@Nullable String signature, @Nullable String timestamp, @Nullable String nonce,
		@Nullable String encryptType, @Nullable String msgSignature) {

	/**
	 * Reads the parameters by name, such as with a servlet request's
	 * {@code getParameter}.
	 * @param parameter gives a parameter's value by its name, or {@code null}
	 * @return the request
	 */
	public static PushRequest from(Function<String, @Nullable String> parameter) {
		return new PushRequest(parameter.apply("signature"), parameter.apply("timestamp"), parameter.apply("nonce"),
				parameter.apply("encrypt_type"), parameter.apply("msg_signature"));
	}

	/**
	 * Tells whether the push says it is encrypted ({@code encrypt_type=aes}): safe or
	 * compatible mode.
	 * @return whether the body carries {@code Encrypt}
	 */
	public boolean encrypted() {
		return this.encryptType != null && "aes".equalsIgnoreCase(this.encryptType.strip());
	}

}
