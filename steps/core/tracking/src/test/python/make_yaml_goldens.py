# Golden meta.yaml bytes for MlrunsCompatibilityTest, made with PyYAML (Debian python3-yaml 6.0):
#
#   /usr/bin/python3 make_yaml_goldens.py ../resources/pyyaml-golden/meta-yaml.json
#
# For each case, a dict shaped like the meta.yaml files MLflow's FileStore writes (experiment, run, registered
# model, model version) with values such as chordflow writes (ids, file URIs, run names from workflow and step
# names, user names, aliases) and strings YAML would misread if left plain, and the bytes MLflow's write_yaml
# produces for it: yaml.dump(data, default_flow_style=False, allow_unicode=True, sort_keys=True,
# Dumper=SafeDumper). The Java test renders the same dicts with MlflowYaml and requires the same bytes.
import json, sys
import yaml

URI = "file:///home/user/work/chordflow/mlruns"
names = ["train", "kd-finetune", "btc-kd-20261201-1205", "teacher-inference-0", "evaluate stage2", "yes", "No", "on",
         "null", "~", "0", "123", "1e5", "0x1F", "1.5", ".inf", "-", "train: stage 1", "a #b", "#c", "@x", "`y`",
         "it's", "quote\"d", "trailing ", " leading", "two  spaces", "Müller", "日本", "tab\there", "x: ", "[list]",
         "{map}", "a,b", "!tag", "&anchor", "*alias", "%pct", "?q", "|pipe", ">gt", "-dash", "--", "---", "...", "=",
         "btc model (v2)", "2026-12-01", "12:30", "1_000", "+1", "True", "FALSE", "Off", "y", "n", "",
         "a run name that is long enough to go past the eighty character line width of the emitter, surely"]


def run(name):
    return {"artifact_uri": URI + "/123456789012345678/0123456789abcdef0123456789abcdef/artifacts", "end_time": None,
            "entry_point_name": "", "experiment_id": "123456789012345678", "lifecycle_stage": "active",
            "run_id": "0123456789abcdef0123456789abcdef", "run_name": name, "run_uuid": "0123456789abcdef0123456789abcdef",
            "source_name": "", "source_type": 4, "source_version": "", "start_time": 1764590400000, "status": 3,
            "tags": [], "user_id": name, "deleted_time": None}


cases = []
for n in names:
    cases.append({"kind": "run", "data": run(n)})
    cases.append({"kind": "experiment", "data": {"artifact_location": URI + "/123456789012345678", "creation_time": 1764590400000,
                  "experiment_id": "123456789012345678", "last_update_time": 1764590400000, "lifecycle_stage": "active", "name": n}})
cases.append({"kind": "experiment", "data": {"artifact_location": URI + "/0", "creation_time": 1764590400000,
              "experiment_id": "0", "last_update_time": 1764590400000, "lifecycle_stage": "active", "name": "Default"}})
cases.append({"kind": "model", "data": {"aliases": {}, "creation_timestamp": 1764590400000, "description": None,
              "last_updated_timestamp": 1764590400000, "name": "btc-student"}})
cases.append({"kind": "model", "data": {"aliases": {"champion": "2", "challenger": "10"}, "creation_timestamp": 1764590400000,
              "description": None, "last_updated_timestamp": 1764590400001, "name": "btc-student"}})
cases.append({"kind": "version", "data": {"aliases": [], "creation_timestamp": 1764590400000, "current_stage": "None",
              "description": None, "last_updated_timestamp": 1764590400000, "name": "btc-student",
              "run_id": "0123456789abcdef0123456789abcdef", "run_link": None,
              "source": URI + "/../.chordflow/artifacts/stage2/model", "status": "READY", "status_message": None,
              "storage_location": "s3://chordflow/models/btc-student/3", "user_id": None, "version": 3}})
cases.append({"kind": "version", "data": {"aliases": ["champion"], "creation_timestamp": 1764590400000, "current_stage": "None",
              "description": None, "last_updated_timestamp": 1764590400000, "name": "2e1d",
              "run_id": None, "run_link": None, "source": "models:/btc-student/2", "status": "READY", "status_message": None,
              "storage_location": "file:///tmp/a b/model", "user_id": "root", "version": 12}})
for c in cases:
    c["yaml"] = yaml.dump(c["data"], default_flow_style=False, allow_unicode=True, sort_keys=True, Dumper=yaml.SafeDumper)
with open(sys.argv[1], "w", encoding="utf-8") as f:
    json.dump({"pyyaml": yaml.__version__, "cases": cases}, f, indent=1, ensure_ascii=False)
