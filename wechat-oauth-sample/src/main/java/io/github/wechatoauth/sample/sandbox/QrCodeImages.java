package io.github.wechatoauth.sample.sandbox;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import javax.imageio.ImageIO;

/**
 * Draws QR codes as JPEG images, the format of WeChat's {@code showqrcode}.
 */
final class QrCodeImages {

	/** WeChat's images are 430 pixels square. */
	static final int SIZE = 430;

	private QrCodeImages() {
	}

	/**
	 * Draws a QR code.
	 * @param content what the code encodes
	 * @return the JPEG bytes
	 */
	static byte[] jpeg(String content) {
		BitMatrix matrix;
		try {
			matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, SIZE, SIZE, Map.of(EncodeHintType.MARGIN,
					2, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.CHARACTER_SET, "UTF-8"));
		}
		catch (WriterException ex) {
			throw new IllegalStateException("Cannot draw a QR code of " + content.length() + " characters", ex);
		}
		BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < matrix.getHeight(); y++) {
			for (int x = 0; x < matrix.getWidth(); x++) {
				image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
			}
		}
		ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, "jpg", jpeg)) {
				throw new IllegalStateException("This JVM has no JPEG writer");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return jpeg.toByteArray();
	}

}
