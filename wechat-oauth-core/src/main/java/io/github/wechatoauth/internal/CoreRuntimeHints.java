package io.github.wechatoauth.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * What a native image or an AOT-processed application needs to know about the core: the
 * records Jackson reads WeChat's answers into and writes to stores and pages, by
 * reflection on their constructors, accessors and {@code @JsonProperty} names. Spring
 * finds it through {@code META-INF/spring/aot.factories}.
 */
public final class CoreRuntimeHints implements RuntimeHintsRegistrar {

	/** The records bound to and from JSON, by name: some are package-private. */
	static final List<String> JSON_TYPES = List.of("io.github.wechatoauth.credential.AccessTokenResponse",
			"io.github.wechatoauth.credential.ClientAccessToken", "io.github.wechatoauth.credential.JsApiTicket",
			"io.github.wechatoauth.jssdk.JsSdkSignature", "io.github.wechatoauth.oauth.OAuthTokenResponse",
			"io.github.wechatoauth.oauth.Session", "io.github.wechatoauth.oauth.UserInfo",
			"io.github.wechatoauth.oauth.UserToken", "io.github.wechatoauth.qrcode.QrCodeResponse",
			"io.github.wechatoauth.follower.FollowerListResponse", "io.github.wechatoauth.follower.FollowerResponse",
			"io.github.wechatoauth.miniprogram.MiniProgramUserInfo", "io.github.wechatoauth.miniprogram.PhoneNumber",
			"io.github.wechatoauth.miniprogram.PhoneNumberResponse", "io.github.wechatoauth.miniprogram.Watermark");

	/** Creates the registrar; Spring's AOT processing does. */
	public CoreRuntimeHints() {
	}

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();
		ClassLoader ours = CoreRuntimeHints.class.getClassLoader();
		JSON_TYPES.forEach((name) -> bindings.registerReflectionHints(hints.reflection(),
				ClassUtils.resolveClassName(name, ours)));
	}

}
