package io.colseal.cli;

import io.colseal.ColsealSettings;
import io.colseal.cli.internal.AwsKekCreator;
import io.colseal.cli.internal.Context;
import io.colseal.cli.internal.LocalKekCreator;
import io.colseal.cli.internal.UsageException;
import io.colseal.kms.local.LocalKeystoreKms;
import io.colseal.kms.pkcs11.Pkcs11KmsProvider;
import io.colseal.kms.pkcs11.Pkcs11KmsProviderFactory;
import io.colseal.operations.report.CommandReport;
import io.colseal.operations.report.KekCreated;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code colseal kek create}: a new KEK in AWS KMS, a local PKCS12 keystore or a PKCS#11 token. */
@Command(name = "create", description = {"Create a key-encryption key (KEK).",
    "aws-kms: CreateKey (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT) then CreateAlias; an alias in use is refused before "
        + "any key is made.",
    "local: a fresh AES-256 entry in the --keystore PKCS12 file (created if absent); an existing alias is never "
        + "overwritten.",
    "pkcs11: an AES-256 key generated inside the token (colseal.kms.pkcs11.*), a token object labelled --alias, "
        + "sensitive and never extractable; a label in use is refused."})
final class KekCreateCommand extends AbstractCommand {
  @Option(names = "--provider", paramLabel = "NAME",
      description = "aws-kms, local or pkcs11; default: colseal.kms.provider (--kms-provider).")
  @Nullable String provider;

  @Option(names = "--alias", paramLabel = "ALIAS", required = true,
      description = "aws-kms: alias/NAME; local: the keystore alias; pkcs11: the key object's label. Use it as "
          + "colseal.kms.kek-id.")
  String alias = "";

  @Option(names = "--description", paramLabel = "TEXT", description = "aws-kms: the key's description.")
  @Nullable String description;

  @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "aws-kms: a tag on the key; repeatable.")
  Map<String, String> tags = new LinkedHashMap<>();

  @Option(names = "--policy-file", paramLabel = "FILE", description = "aws-kms: the key policy (JSON).")
  @Nullable Path policyFile;

  @Override
  CommandReport execute(Context context) {
    String name = provider != null ? provider : context.settings().get(ColsealSettings.KMS_PROVIDER.name()).orElse(null);
    if (name == null) {
      throw new UsageException("which provider? pass --provider aws-kms, --provider local or --provider pkcs11");
    }
    return switch (name.trim()) {
      case "aws-kms" -> AwsKekCreator.create(context.config(), alias, description, tags, policy());
      case LocalKeystoreKms.NAME -> local(context);
      case Pkcs11KmsProvider.NAME -> pkcs11(context);
      default -> throw new UsageException("--provider must be aws-kms, local or pkcs11, got '" + name + "'");
    };
  }

  private CommandReport local(Context context) {
    if (description != null || !tags.isEmpty() || policyFile != null) {
      throw new UsageException("--description, --tag and --policy-file apply to aws-kms only");
    }
    Path keystore = context.keystore();
    char[] password = context.keystorePassword();
    try {
      return LocalKekCreator.create(keystore, password, alias);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private CommandReport pkcs11(Context context) {
    if (description != null || !tags.isEmpty() || policyFile != null) {
      throw new UsageException("--description, --tag and --policy-file apply to aws-kms only");
    }
    Pkcs11KmsProviderFactory.CreatedKek kek = Pkcs11KmsProviderFactory.createKek(context.config(), alias);
    return new KekCreated(Pkcs11KmsProvider.NAME, kek.label(), kek.label(), null, null, null,
        kek.slot() + ", library " + kek.library(), kek.attributes());
  }

  private @Nullable String policy() {
    if (policyFile == null) {
      return null;
    }
    try {
      return Files.readString(policyFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException("cannot read --policy-file " + policyFile + ": " + e.getClass().getSimpleName());
    }
  }
}
