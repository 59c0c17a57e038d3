package dev.instacrud.runtime.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.metrics.AuthFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

/**
 * Issues and verifies access tokens: JWTs signed with HS256 and a secret of at least 32 bytes (RFC 7519,
 * RFC 8725 "JWT Best Current Practices"). Verification pins the algorithm (a key selector that only
 * knows HS256, so {@code alg: none}, HS384, HS512 and RS256 tokens are all refused), requires {@code
 * iss}, {@code aud}, {@code sub}, {@code iat}, {@code exp}, {@code jti}, {@code sid} (the session: the refresh
 * token family the token belongs to) and {@code epoch} (the user's token epoch when it was issued), checks issuer
 * and audience exactly, and takes time from the given clock. Every failure is the same 401.
 *
 * <p>A valid signature says only that this service issued the token; whether it still holds (the session not
 * signed out, the epoch not moved on by a password change, the user active) is {@link BearerAuthenticator}'s check.
 *
 * <p>Time: a token is honoured from its {@code iat} to its {@code exp}, each widened by a small leeway for
 * clocks that disagree between instances ({@code JWT_LEEWAY_SECONDS}, 5 s by default, instead of nimbus's
 * 60 s); an {@code iat} further in the future, and a lifetime {@code exp - iat} longer than the configured
 * one, are refused, so a token minted elsewhere with the secret cannot outlive what this service issues.
 *
 * <p>A token that passed is remembered ({@link VerifiedTokens}) until it would be refused as expired, so a client's
 * next request with it costs a look-up instead of an HMAC and the parsing of its claims.
 */
public final class TokenService {
    /** Tokens longer than this are refused before parsing. */
    public static final int MAX_TOKEN_CHARS = 4096;
    /** The claim naming the session (refresh token family). */
    public static final String SESSION_CLAIM = "sid";
    /** The claim holding the user's token epoch at issue time. */
    public static final String EPOCH_CLAIM = "epoch";

    /**
     * What a verified token says.
     *
     * @param userId its subject
     * @param sessionId its session (refresh token family)
     * @param epoch the user's token epoch when it was issued
     */
    public record Claims(String userId, String sessionId, long epoch) {}

    private final MACSigner signer;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Duration leeway;
    private final Clock clock;
    private final VerifiedTokens verified = new VerifiedTokens();

    /**
     * @param ttl the lifetime of issued tokens, and the longest {@code exp - iat} accepted
     * @param leeway how far {@code exp} may be past and {@code iat} ahead of this clock
     */
    public TokenService(byte[] secret, String issuer, String audience, Duration ttl, Duration leeway, Clock clock) {
        try {
            this.signer = new MACSigner(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the token secret must be at least 32 bytes", e);
        }
        this.issuer = issuer;
        this.audience = audience;
        this.ttl = ttl;
        this.leeway = leeway;
        this.clock = clock;
        processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(secret)));
        DefaultJWTClaimsVerifier<SecurityContext> claims =
                new DefaultJWTClaimsVerifier<>(
                        audience,
                        new JWTClaimsSet.Builder().issuer(issuer).build(),
                        Set.of("iss", "aud", "sub", "iat", "exp", "jti", SESSION_CLAIM, EPOCH_CLAIM)) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                };
        claims.setMaxClockSkew((int) leeway.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** Signs a fresh token for the user's session, at the user's current token epoch. */
    public IssuedToken issue(String userId, String sessionId, long epoch) {
        long now = clock.millis() / 1000 * 1000;
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(userId)
                .issueTime(new Date(now))
                .expirationTime(new Date(now + ttl.toMillis()))
                .jwtID(UUID.randomUUID().toString())
                .claim(SESSION_CLAIM, sessionId)
                .claim(EPOCH_CLAIM, epoch)
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return new IssuedToken(jwt.serialize(), ttl.toSeconds());
    }

    /**
     * Verifies a token's signature, times and claims (not whether its session still holds).
     *
     * @throws ApiException 401 for any malformed, forged, expired or incomplete token
     */
    public Claims verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw invalid();
        }
        TokenService.Claims known = verified.get(token, clock.millis());
        if (known != null) {
            return known;
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            String subject = claims.getSubject();
            String session = claims.getStringClaim(SESSION_CLAIM);
            Long epoch = claims.getLongClaim(EPOCH_CLAIM);
            if (subject == null
                    || subject.isBlank()
                    || session == null
                    || session.isBlank()
                    || epoch == null
                    || !withinLifetime(claims)) {
                throw invalid();
            }
            Claims verifiedClaims = new Claims(subject, session, epoch);
            // nimbus refuses once exp + leeway is no longer after now
            verified.put(token, verifiedClaims, claims.getExpirationTime().getTime() + leeway.toMillis());
            return verifiedClaims;
        } catch (ExpiredJWTException e) {
            throw new TokenRefused(AuthFailure.EXPIRED_TOKEN);
        } catch (java.text.ParseException | com.nimbusds.jose.proc.BadJOSEException | JOSEException e) {
            throw invalid();
        } catch (RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw invalid(); // nimbus can throw unchecked on bizarre input; still just a bad token
        }
    }

    // nimbus checks exp (with the leeway) but not iat, nor how long a token claims to live
    private boolean withinLifetime(JWTClaimsSet claims) {
        long issuedAt = claims.getIssueTime().getTime();
        long expires = claims.getExpirationTime().getTime();
        return issuedAt <= clock.millis() + leeway.toMillis() && expires - issuedAt <= ttl.toMillis();
    }

    /** How many verified tokens are remembered now (for tests). */
    int rememberedTokens() {
        return verified.size();
    }

    private static ApiException invalid() {
        return new TokenRefused(AuthFailure.INVALID_TOKEN);
    }

    /** The 401 of a refused token, with the reason the operator sees in metrics (the client never does). */
    static final class TokenRefused extends ApiException {
        private static final long serialVersionUID = 1L;
        private final AuthFailure reason;

        TokenRefused(AuthFailure reason) {
            super(401, "Unauthorized", "Invalid or expired token");
            this.reason = reason;
        }

        AuthFailure reason() {
            return reason;
        }
    }
}
