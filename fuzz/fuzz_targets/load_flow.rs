//! Loading and checking a flow (with the real data files), then what `flow table` prints.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = signpost_fuzz::put("flows/f.yaml", data);
    let data_dir = signpost_fuzz::content_dir().join("data");
    if let Ok(flow) = signpost_wizard::load_flow(&path, &data_dir) {
        let _ = signpost_wizard::check_flow(&flow);
        let _ = signpost_wizard::decision_table_markdown(&flow);
        let _ = signpost_wizard::flow_chart_mermaid(&flow);
        let json = flow.to_json();
        assert!(signpost_wizard::Flow::from_json(&json).is_ok(), "a flow reads back");
    }
});
