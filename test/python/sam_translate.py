"""Prints the CloudFormation JSON that the SAM translator (the code `sam deploy` runs) makes of a SAM template.

Usage: python3 sam_translate.py <template.yaml> [Name=Value ...]

Needs no AWS account: the managed policies SAM attaches by name are resolved from the static map below instead of
IAM's ListPolicies, the region comes from here instead of a profile, and a local CodeUri is replaced with an S3 URI,
as `sam package` does before the transform runs.
"""

import json
import sys

import boto3
from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator
from samtranslator.yaml_helper import yaml_parse

REGION = "us-east-1"

# The AWS managed policies SAM attaches by name to a function's role: AWSLambdaBasicExecutionRole always, and
# AWSXrayWriteOnlyAccess with `Tracing: Active`.
MANAGED_POLICIES = {
    "AWSLambdaBasicExecutionRole": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    "AWSXrayWriteOnlyAccess": "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
}


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2

    with open(argv[1], encoding="utf-8") as stream:
        template = yaml_parse(stream.read())

    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties") or {}
        if resource.get("Type") == "AWS::Serverless::Function" and not str(properties.get("CodeUri", "s3://")).startswith("s3://"):
            properties["CodeUri"] = "s3://packaged-by-sam/bootstrap.zip"

    parameters = dict(argument.split("=", 1) for argument in argv[2:])
    translator = Translator(MANAGED_POLICIES, Parser(), boto_session=boto3.session.Session(region_name=REGION))
    try:
        translated = translator.translate(template, parameter_values=parameters)
    except InvalidDocumentException as error:
        for cause in error.causes:
            print(f"{argv[1]}: {cause.message}", file=sys.stderr)
        return 1

    json.dump(translated, sys.stdout, indent=2, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
