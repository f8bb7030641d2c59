package io.github.wechatoauth.store;

import java.time.Duration;
import java.time.Instant;

import io.github.wechatoauth.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory {@link SharedStore}: expiry by its clock, compare-and-delete, and a lease
 * that one holder has at a time, that lapses by the clock and that only its owner
 * releases.
 */
class InMemorySharedStoreTests {

	private final MutableClock clock = MutableClock.startingAt2026();

	private final InMemorySharedStore store = new InMemorySharedStore(this.clock);

	@Test
	void storedCredentialIsReturnedUntilItExpires() {
		StoredValue token = credential("TOKEN_1", Duration.ofSeconds(7200));
		this.store.put("access_token", token);

		this.clock.advance(Duration.ofSeconds(7199));
		assertThat(this.store.get("access_token")).contains(token);

		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.store.get("access_token")).isEmpty();
	}

	@Test
	void expiredLeasesAndCredentialsAreSweptOutSoNeverReleasedMarksDoNotPileUp() {
		for (int i = 0; i < 1000; i++) {
			this.store.tryAcquireLease("message:" + i, Duration.ofMinutes(10));
			this.store.put("qr-login:" + i, credential("pending", Duration.ofMinutes(5)));
		}
		assertThat(this.store.size()).isEqualTo(2000);

		this.clock.advance(Duration.ofMinutes(11));
		this.store.tryAcquireLease("message:fresh", Duration.ofMinutes(10));

		assertThat(this.store.size()).isEqualTo(1);
		assertThat(this.store.tryAcquireLease("message:fresh", Duration.ofMinutes(10))).isEmpty();
	}

	@Test
	void keysAreIndependent() {
		this.store.put("access_token", credential("TOKEN_1", Duration.ofHours(2)));

		assertThat(this.store.get("jsapi_ticket")).isEmpty();
	}

	@Test
	void putReplacesTheCredential() {
		this.store.put("access_token", credential("TOKEN_1", Duration.ofHours(2)));
		this.store.put("access_token", credential("TOKEN_2", Duration.ofHours(2)));

		assertThat(this.store.get("access_token")).get().extracting(StoredValue::value).isEqualTo("TOKEN_2");
	}

	@Test
	void removeDeletesOnlyTheExpectedValue() {
		this.store.put("access_token", credential("TOKEN_2", Duration.ofHours(2)));

		assertThat(this.store.remove("access_token", "TOKEN_1")).isFalse();
		assertThat(this.store.get("access_token")).isPresent();

		assertThat(this.store.remove("access_token", "TOKEN_2")).isTrue();
		assertThat(this.store.get("access_token")).isEmpty();
		assertThat(this.store.remove("access_token", "TOKEN_2")).isFalse();
	}

	@Test
	void leaseHasOneHolderAtATime() {
		Lease lease = this.store.tryAcquireLease("access_token", Duration.ofSeconds(15)).orElseThrow();

		assertThat(lease.key()).isEqualTo("access_token");
		assertThat(lease.expiresAt()).isEqualTo(this.clock.instant().plusSeconds(15));
		assertThat(this.store.tryAcquireLease("access_token", Duration.ofSeconds(15))).isEmpty();
		assertThat(this.store.tryAcquireLease("jsapi_ticket", Duration.ofSeconds(15))).isPresent();
	}

	@Test
	void leaseLapsesByTheClock() {
		Lease first = this.store.tryAcquireLease("access_token", Duration.ofSeconds(15)).orElseThrow();

		this.clock.advance(Duration.ofSeconds(14));
		assertThat(this.store.tryAcquireLease("access_token", Duration.ofSeconds(15))).isEmpty();

		this.clock.advance(Duration.ofSeconds(1));
		Lease second = this.store.tryAcquireLease("access_token", Duration.ofSeconds(15)).orElseThrow();
		assertThat(second.owner()).isNotEqualTo(first.owner());
	}

	@Test
	void releaseByTheOwnerFreesTheLease() {
		Lease lease = this.store.tryAcquireLease("access_token", Duration.ofSeconds(15)).orElseThrow();

		this.store.releaseLease(lease);

		assertThat(this.store.tryAcquireLease("access_token", Duration.ofSeconds(15))).isPresent();
	}

	@Test
	void releaseByAFormerOwnerLeavesTheCurrentHoldersLease() {
		Lease lapsed = this.store.tryAcquireLease("access_token", Duration.ofSeconds(15)).orElseThrow();
		this.clock.advance(Duration.ofSeconds(15));
		this.store.tryAcquireLease("access_token", Duration.ofSeconds(15)).orElseThrow();

		this.store.releaseLease(lapsed);

		assertThat(this.store.tryAcquireLease("access_token", Duration.ofSeconds(15))).isEmpty();
	}

	@Test
	void releaseOfAForeignLeaseDoesNothing() {
		this.store.tryAcquireLease("access_token", Duration.ofSeconds(15)).orElseThrow();

		this.store.releaseLease(new Lease("access_token", "someone-else", Instant.MAX));

		assertThat(this.store.tryAcquireLease("access_token", Duration.ofSeconds(15))).isEmpty();
	}

	private StoredValue credential(String value, Duration lifetime) {
		return new StoredValue(value, this.clock.instant(), this.clock.instant().plus(lifetime));
	}

}
