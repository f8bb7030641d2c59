package io.github.wechatoauth.qrcode;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * WeChat's ranges for parametric QR codes, checked before any request.
 */
class QrCodeRequestTests {

	@Test
	void temporaryNumericSceneIsAnyNonZero32BitInteger() {
		assertThat(QrCodeRequest.temporary(-5, Duration.ofMinutes(1)).sceneId()).isEqualTo(-5);
		assertThat(QrCodeRequest.temporary(Integer.MAX_VALUE, Duration.ofMinutes(1)).sceneId())
			.isEqualTo(Integer.MAX_VALUE);
		assertThatIllegalArgumentException().isThrownBy(() -> QrCodeRequest.temporary(0, Duration.ofMinutes(1)))
			.withMessage("sceneId of a temporary QR code must not be 0");
	}

	@Test
	void permanentNumericSceneIsOneTo100000() {
		assertThat(QrCodeRequest.permanent(1).sceneId()).isEqualTo(1);
		assertThat(QrCodeRequest.permanent(100_000).sceneId()).isEqualTo(100_000);
		assertThatIllegalArgumentException().isThrownBy(() -> QrCodeRequest.permanent(0))
			.withMessage("sceneId of a permanent QR code must be between 1 and 100000, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> QrCodeRequest.permanent(100_001))
			.withMessage("sceneId of a permanent QR code must be between 1 and 100000, was 100001");
	}

	@Test
	void temporaryCodeLivesOneSecondToThirtyDays() {
		assertThat(QrCodeRequest.temporary(1, Duration.ofSeconds(1)).expiresIn()).isEqualTo(Duration.ofSeconds(1));
		assertThat(QrCodeRequest.temporary("s", Duration.ofDays(30)).expiresIn()).isEqualTo(Duration.ofDays(30));
		assertThatIllegalArgumentException().isThrownBy(() -> QrCodeRequest.temporary(1, Duration.ofMillis(999)))
			.withMessage("expiresIn of a temporary QR code must be between 1 second and 30 days, was PT0.999S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> QrCodeRequest.temporary("s", Duration.ofDays(30).plusSeconds(1)))
			.withMessage("expiresIn of a temporary QR code must be between 1 second and 30 days, was PT720H1S");
		assertThatIllegalArgumentException().isThrownBy(() -> QrCodeRequest.temporary(1, null))
			.withMessage("expiresIn must not be null");
	}

	@Test
	void stringSceneIsOneTo64Characters() {
		assertThat(QrCodeRequest.permanent("x".repeat(64)).sceneStr()).hasSize(64);
		assertThatIllegalArgumentException().isThrownBy(() -> QrCodeRequest.permanent("x".repeat(65)))
			.withMessage("sceneStr must be at most 64 characters, was 65");
		assertThatIllegalArgumentException().isThrownBy(() -> QrCodeRequest.temporary(" ", Duration.ofMinutes(1)))
			.withMessage("sceneStr must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> QrCodeRequest.permanent((String) null))
			.withMessage("sceneStr must not be null");
	}

	@Test
	void permanentCodesHaveNoExpiry() {
		assertThat(QrCodeRequest.permanent(7).isPermanent()).isTrue();
		assertThat(QrCodeRequest.permanent("s").expiresIn()).isNull();
		assertThat(QrCodeRequest.temporary(7, Duration.ofMinutes(1)).isPermanent()).isFalse();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new QrCodeRequest("QR_LIMIT_SCENE", 7, null, Duration.ofMinutes(1)))
			.withMessage("expiresIn must be null for a permanent QR code");
	}

	@Test
	void sceneMustMatchTheAction() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new QrCodeRequest("QR_SCENE", 7, "s", Duration.ofMinutes(1)))
			.withMessage("sceneStr must be null for QR_SCENE");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new QrCodeRequest("QR_STR_SCENE", 7, "s", Duration.ofMinutes(1)))
			.withMessage("sceneId must be null for QR_STR_SCENE");
		assertThatIllegalArgumentException().isThrownBy(() -> new QrCodeRequest("QR_LIMIT_SCENE", null, null, null))
			.withMessage("sceneId must not be null");
	}

	@Test
	void unknownActionIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new QrCodeRequest("QR_CARD", 7, null, null))
			.withMessage(
					"actionName must be QR_SCENE, QR_STR_SCENE, QR_LIMIT_SCENE or QR_LIMIT_STR_SCENE, was QR_CARD");
		assertThatIllegalArgumentException().isThrownBy(() -> new QrCodeRequest(null, 7, null, null))
			.withMessage("actionName must not be null");
	}

}
